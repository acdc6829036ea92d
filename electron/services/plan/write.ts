import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CANVAS_TYPES, type Plan } from '../../../shared/plan/types';
import { planCounts } from './summary';

const BATCH = 2_000;

/** JSON text of one array of rows, one row per line, in chunks (a million enrollments never become one string). */
function* arrayChunks(rows: readonly object[]): Generator<string> {
  if (rows.length === 0) {
    yield '[]';
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH).map((r) => JSON.stringify(r));
    yield `${i === 0 ? '[\n' : ',\n'}${part.join(',\n')}`;
  }
  yield '\n]';
}

/** The whole plan as JSON text, in chunks: header (snapshot, counts, skipped, notes), then one array per Canvas type. */
export function* planJsonChunks(plan: Plan): Generator<string> {
  yield `{"snapshotId":${JSON.stringify(plan.snapshotId)},"counts":${JSON.stringify(planCounts(plan))},`;
  yield `"skipped":${JSON.stringify(plan.skipped)},"notes":${JSON.stringify(plan.notes)}`;
  for (const type of CANVAS_TYPES) {
    yield `,\n${JSON.stringify(type)}:`;
    yield* arrayChunks(plan[type]);
  }
  yield '}\n';
}

/** Streams the plan JSON to a writer (stdout in the CLI). */
export function writePlanJson(plan: Plan, write: (chunk: string) => void): void {
  for (const chunk of planJsonChunks(plan)) write(chunk);
}

/**
 * One JSON file per Canvas type (`accounts.json`, …, an array of rows each) and `plan.json` (snapshot, counts,
 * skipped records, notes). Returns the files written.
 */
export function writePlanFiles(plan: Plan, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const writeFile = (name: string, chunks: Iterable<string>) => {
    const file = join(dir, name);
    const fd = openSync(file, 'w', 0o600);
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
    written.push(file);
  };
  writeFile('plan.json', [
    JSON.stringify(
      { snapshotId: plan.snapshotId, counts: planCounts(plan), skipped: plan.skipped, notes: plan.notes },
      null,
      2,
    ),
  ]);
  for (const type of CANVAS_TYPES) writeFile(`${type}.json`, arrayChunks(plan[type]));
  return written;
}
