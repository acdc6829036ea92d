import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index';
import { startFixture, type PullFixture } from './harness';

/** Three pulls of the same provider at once: one runs, the others are told so (never "database is locked"). */
const SECRET_ENV = 'PULL_LOCK_SECRET';
let fx: PullFixture;

beforeAll(async () => {
  fx = await startFixture({ district: { preset: 'tiny' } });
});
afterAll(async () => {
  await fx.close();
});

async function pull(): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(
    [
      'pull',
      '--base-url',
      fx.provider.baseUrl,
      '--client-id',
      fx.provider.clientId,
      '--client-secret-env',
      SECRET_ENV,
      '--page-size',
      '20',
      '--data-dir',
      fx.dir,
    ],
    {
      stdout: () => undefined,
      stderr: (t) => (err += t),
      readStdin: async () => '',
      env: { [SECRET_ENV]: fx.provider.clientSecret, PREFLIGHT_PROGRESS: 'plain' },
      signal: new AbortController().signal,
    },
  );
  return { code, err };
}

describe('per-profile pull lock', () => {
  it('three concurrent pulls: one completes, two get a friendly "already running", none "database is locked"', async () => {
    const results = await Promise.all([pull(), pull(), pull()]);
    const ok = results.filter((r) => r.code === 0);
    const busy = results.filter((r) => r.code !== 0);
    expect(ok).toHaveLength(1);
    expect(busy).toHaveLength(2);
    for (const r of busy) expect(r.err).toMatch(/A pull is already running/);
    for (const r of results) expect(r.err).not.toMatch(/database is locked/i);
    // Once it is done, the next pull runs.
    expect((await pull()).code).toBe(0);
  });
});
