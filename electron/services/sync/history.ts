import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SyncHistoryEntry } from '../../../shared/sync/types';
import { writeFileAtomic } from '../profiles/atomic-write';
import { acquireSyncLock, isSyncRunning, type SyncLock } from './lock';

/**
 * Sync history per profile in `<dataDir>/sync/<profileId>.json` (atomic writes). A JSON file rather than a
 * SQLite table: the history is small (a few entries a day), must survive the snapshot database being deleted or
 * migrated, is written at moments a crash matters (the import id right after the POST) and is easy to hand to
 * support. Newest entries last; the oldest are dropped beyond MAX_ENTRIES.
 */

const MAX_ENTRIES = 200;
const HistoryFile = z.object({ version: z.literal(1), entries: z.array(SyncHistoryEntry) });

type Recorded = 'guardRails' | 'acknowledgedBlockers' | 'prediction' | 'predictionCheck';
export type NewHistoryEntry = Omit<
  SyncHistoryEntry,
  'id' | 'status' | 'importId' | 'result' | 'error' | 'endedAt' | Recorded
> &
  Partial<Pick<SyncHistoryEntry, Recorded>>;

export class SyncHistoryStore {
  private readonly dir: string;
  /** Writes per profile are chained so two updates never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly dataDir: string) {
    this.dir = join(dataDir, 'sync');
  }

  /** One sync per profile at a time (throws `sync_running`). */
  lock(profileId: string): SyncLock {
    this.file(profileId);
    return acquireSyncLock(this.dataDir, profileId);
  }

  /** Whether a sync of the profile is running, or was sent and its outcome is still unknown. */
  async busy(profileId: string): Promise<boolean> {
    return isSyncRunning(this.dataDir, profileId) || (await this.unfinished(profileId)) !== undefined;
  }

  private file(profileId: string): string {
    if (!/^[\w.-]+$/.test(profileId)) throw new Error(`unsafe profile id ${profileId}`);
    return join(this.dir, `${profileId}.json`);
  }

  /** Every entry for a profile, oldest first. A damaged file reads as empty (it is replaced on the next write). */
  async list(profileId: string): Promise<SyncHistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file(profileId), 'utf8');
    } catch {
      return [];
    }
    const parsed = HistoryFile.safeParse(safeJson(text));
    return parsed.success ? parsed.data.entries : [];
  }

  get(profileId: string, id: string): Promise<SyncHistoryEntry | undefined> {
    return this.list(profileId).then((all) => all.find((e) => e.id === id));
  }

  /** The newest sync that was sent but whose outcome is not known yet (polling or interrupted). */
  async unfinished(profileId: string): Promise<SyncHistoryEntry | undefined> {
    const all = await this.list(profileId);
    return [...all]
      .reverse()
      .find((e) => e.importId !== null && (e.status === 'polling' || e.status === 'interrupted'));
  }

  begin(entry: NewHistoryEntry): Promise<SyncHistoryEntry> {
    const full: SyncHistoryEntry = {
      guardRails: [],
      acknowledgedBlockers: [],
      prediction: null,
      predictionCheck: null,
      ...entry,
      id: randomUUID(),
      endedAt: null,
      importId: null,
      status: 'posting',
      result: null,
      error: null,
    };
    return this.mutate(entry.profileId, (all) => {
      all.push(full);
      return full;
    });
  }

  update(profileId: string, id: string, patch: Partial<SyncHistoryEntry>): Promise<SyncHistoryEntry> {
    return this.mutate(profileId, (all) => {
      const i = all.findIndex((e) => e.id === id);
      if (i === -1) throw new Error(`no sync history entry ${id}`);
      const next = { ...all[i]!, ...patch };
      all[i] = next;
      return next;
    });
  }

  private mutate<T>(profileId: string, change: (all: SyncHistoryEntry[]) => T): Promise<T> {
    const run = async () => {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const all = await this.list(profileId);
      const out = change(all);
      const kept = all.slice(-MAX_ENTRIES);
      await writeFileAtomic(
        this.file(profileId),
        `${JSON.stringify({ version: 1, entries: kept }, null, 2)}\n`,
      );
      return out;
    };
    const prev = this.queues.get(profileId) ?? Promise.resolve();
    const next = prev.then(run, run);
    this.queues.set(
      profileId,
      next.catch(() => undefined),
    );
    return next;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
