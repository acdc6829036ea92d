import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportZip } from '../../electron/services/canvas-import-model';
import { prepareSync, sendSync } from '../../electron/services/sync';
import { ImportMode } from '../../shared/sync/import-mode';
import { CanvasWithImports, FAST_POLL, syncFixture, type SyncFixture } from './harness';

/**
 * The sync writes term and enrollment dates in the district's zone (Profile.timeZone), in the preview's files and
 * in the zip it sends, so what was previewed is what Canvas gets. Asia/Kathmandu (+05:45, no DST) is nobody's
 * machine zone by accident.
 */
const ZONE = 'Asia/Kathmandu';
let canvas: CanvasWithImports;
let fx: SyncFixture;
beforeAll(async () => {
  canvas = await new CanvasWithImports({}, []).start();
  fx = await syncFixture();
});
afterAll(async () => {
  await canvas.close();
  fx.cleanup();
});

const datesOf = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>) =>
  rows.flatMap((r) => [r.start_date, r.end_date]).map((d) => (typeof d === 'string' ? d : ''));

describe('sync dates in the district zone', () => {
  it('previews and sends terms.csv with the profile time zone offsets; the zip is removed afterwards', async () => {
    const prepared = prepareSync({
      plan: fx.plan,
      snapshotId: fx.plan.snapshotId,
      snapshotAt: null,
      summary: null,
      rawFindings: [],
      rules: { acknowledgements: [], muted: [], severityOverrides: {} },
      conversion: null,
      baselineAt: null,
      canvasTermIds: null,
      verify: null,
      importMode: ImportMode.parse({}),
      allowPendingRemaps: false,
      predict: null,
      timeZone: ZONE,
    });
    expect(prepared.timeZone).toBe(ZONE);
    const terms = prepared.files.find((f) => f.name === 'terms.csv')!;
    const previewed = datesOf(terms.rows).filter(Boolean);
    expect(previewed.length).toBeGreaterThan(0);
    for (const d of previewed) expect(d).toMatch(/T\d\d:\d\d:\d\d\+05:45$/);

    const outDir = join(fx.dir, 'outgoing');
    const outcome = await sendSync(prepared, {
      client: canvas.client(),
      rootAccountId: '1',
      profileId: 'district-tz',
      history: fx.history,
      outDir,
      poll: FAST_POLL,
    });
    expect(outcome.result.ok).toBe(true);
    const sent = await readImportZip(canvas.state.received.at(-1)!.zip);
    const sentTerms = sent.find((f) => f.name === 'terms.csv')!;
    expect(datesOf(sentTerms.rows)).toEqual(datesOf(terms.rows));
    const enrollments = prepared.files.find((f) => f.name === 'enrollments.csv');
    if (enrollments)
      expect(datesOf(sent.find((f) => f.name === 'enrollments.csv')!.rows)).toEqual(
        datesOf(enrollments.rows),
      );
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });
});
