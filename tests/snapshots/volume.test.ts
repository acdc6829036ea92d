import { describe, expect, it } from 'vitest';
import { enrollment, useTempStores } from './helpers';

const stores = useTempStores();

describe('snapshot store: volume', () => {
  it('stores 200k enrollments in batches with exact counts (rate printed, not asserted)', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    const w = store.writer(id, 'enrollments');
    const total = 200_000;
    const batch = 5_000;
    let stored = 0;
    const started = performance.now();
    for (let offset = 0; offset < total; offset += batch) {
      const records = Array.from({ length: batch }, (_, k) => enrollment(offset + k));
      stored += w.addRecords(records, `offset=${offset}`).stored;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[snapshots] stored ${total} enrollments in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} records/s`,
    );
    expect(stored).toBe(total);
    const meta = store.complete(id);
    expect(meta.counts!.enrollments).toBe(total);
    expect(store.donePages(id, 'enrollments').size).toBe(total / batch);
    let n = 0;
    let last = '';
    for (const e of store.iterate(id, 'enrollments')) {
      n++;
      last = e.sourcedId;
    }
    expect(n).toBe(total);
    expect(last).toBe(`enr-${total - 1}`);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 180_000); // a few seconds on an idle machine; generous because CI boxes are shared
});
