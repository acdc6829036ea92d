import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanvasClient } from '../../electron/services/canvas-api';
import { fetchBaselineViaApi } from '../../electron/services/canvas-baseline';
import {
  generateBaseline,
  startCanvasDouble,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';
import { tempStores } from './helpers';

/**
 * The 100k-user read is a benchmark (npm run bench:baseline); here a 5k-user account proves the property that
 * keeps memory flat: each page is stored as it arrives, long before the read ends.
 */
const TOKEN = 'stream-token-91b2c3d4e5f6a7b8';
const generated = generateBaseline(
  { users: 5000, schools: 2, enrollmentsPerStudent: 1, parents: false },
  { multiLogin: 20, deletedHolders: 10 },
);
const stores = tempStores();
let double: RunningCanvasDouble;
beforeAll(async () => {
  double = await startCanvasDouble({ baseline: generated, token: TOKEN });
});
afterAll(async () => {
  await double.close();
  stores.cleanup();
});

describe('API baseline read of a larger account', () => {
  it('stores users page by page while it reads (progress before the end, rows already stored)', async () => {
    const seen: Array<{ phase: string; pages: number; storedUsers: number }> = [];
    let baselineId = '';
    const meta = await fetchBaselineViaApi({
      store: stores.baselines,
      client: new CanvasClient({ baseUrl: double.url, token: TOKEN }),
      rootAccountId: '1',
      canvasUrl: double.url,
      concurrency: 4,
      onProgress: (p) => {
        if (p.phase !== 'logins') return;
        baselineId ||= stores.baselines.list({ status: 'running' })[0]!.id;
        seen.push({
          phase: p.phase,
          pages: p.pages,
          storedUsers: stores.baselines.counts(baselineId).users.total,
        });
      },
    });
    expect(meta.status).toBe('complete');
    expect(meta.counts!.users.total).toBe(generated.users.length);
    expect(generated.users.length).toBeGreaterThan(5000);
    // 50+ login pages, each reported as soon as it was stored: after page n, exactly n pages of rows exist.
    expect(seen.length).toBeGreaterThan(50);
    expect(seen[0]).toEqual({ phase: 'logins', pages: 1, storedUsers: 100 });
    expect(seen[9]!.storedUsers).toBe(1000);
    expect(seen.at(-1)!.storedUsers).toBeLessThan(generated.users.length + 1);
  }, 120_000);
});
