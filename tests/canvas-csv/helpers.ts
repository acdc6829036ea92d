import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { buildPlan } from '../../electron/services/plan';
import { openSnapshotStore } from '../../electron/services/snapshots';
import { MappingOptions, type MappingOptionsInput } from '../../shared/mapping/options';
import type { Plan } from '../../shared/plan/types';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';
import type { DistrictSpec } from '../../electron/services/demo-provider';

/** A plan from a generated demo district in a real SQLite snapshot (removed again). */
export function demoPlan(spec: DistrictSpec = { preset: 'tiny' }, options: MappingOptionsInput = {}): Plan {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-canvas-csv-'));
  const store = openSnapshotStore(dir);
  try {
    const { snapshotId } = writeDistrictSnapshot(store, spec);
    return buildPlan(store.db, snapshotId, MappingOptions.parse(options));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A zip in memory from file name → content (string = UTF-8; Buffer = raw bytes). */
export function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files))
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-canvas-csv-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
