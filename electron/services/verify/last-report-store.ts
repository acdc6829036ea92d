import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerifyReport } from '../../../shared/verify/report';

/** Where the last verify report per profile is kept, relative to the data folder. */
export const VERIFY_REPORTS_DIR = 'verify';

/**
 * The last finished verify report per profile: in memory, and a JSON file (`<dataDir>/verify/<id>.json`) so it
 * survives a restart and the CLI's `report` command can put the connectivity results in the readiness report.
 */
export class LastReportStore {
  private readonly memory = new Map<string, VerifyReport>();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, VERIFY_REPORTS_DIR);
  }

  async get(profileId: string): Promise<VerifyReport | null> {
    const cached = this.memory.get(profileId);
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(this.file(profileId), 'utf8');
    } catch {
      return null;
    }
    // An unreadable or outdated file just means "no last report", never an error for the user.
    const parsed = VerifyReport.safeParse(safeJson(text));
    if (!parsed.success) return null;
    this.memory.set(profileId, parsed.data);
    return parsed.data;
  }

  async save(profileId: string, report: VerifyReport): Promise<void> {
    this.memory.set(profileId, report);
    await mkdir(this.dir, { recursive: true });
    const target = this.file(profileId);
    const temp = `${target}.tmp`;
    await writeFile(temp, JSON.stringify(report, null, 2), { mode: 0o600 });
    await rename(temp, target);
  }

  async remove(profileId: string): Promise<void> {
    this.memory.delete(profileId);
    await rm(this.file(profileId), { force: true });
  }

  private file(profileId: string): string {
    // Profile ids are app-generated, but never let one escape the folder.
    return join(this.dir, `${encodeURIComponent(profileId)}.json`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
