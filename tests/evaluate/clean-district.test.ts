import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { evaluateSnapshot } from '../../electron/services/evaluate';
import { createPullClient, pullSnapshot } from '../../electron/services/pull';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { EvaluationResult } from '../../shared/evaluate/result';
import { MappingOptions } from '../../shared/mapping/options';

/**
 * Done-means: a clean demo district, served by the real provider over loopback and pulled by the real pull
 * engine, evaluates with no warnings and no blockers, and its plan matches what the generator made.
 */
let provider: RunningProvider;
let store: SnapshotStore;
let dir: string;
let snapshotId: string;

beforeAll(async () => {
  provider = await startProvider({ district: { preset: 'small' } });
  dir = mkdtempSync(join(tmpdir(), 'preflight-clean-'));
  store = openSnapshotStore(dir);
  const result = await pullSnapshot({
    store,
    profileId: null,
    client: createPullClient({
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    }),
  });
  expect(result.status).toBe('complete');
  snapshotId = result.snapshotId;
});
afterAll(async () => {
  store?.close();
  await provider?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('evaluate a clean district', () => {
  it('finds no warnings or blockers, and plans every generated object', async () => {
    const e = await evaluateSnapshot({ store, snapshotId });
    const serious = e.findings.filter((f) => f.severity !== 'info');
    // Listed by rule, so a failure names the rule that misfires on clean data.
    expect(
      Object.fromEntries(
        e.summary.byRule.filter((r) => r.severity !== 'info').map((r) => [r.ruleId, r.count]),
      ),
    ).toEqual({});
    expect(serious).toEqual([]);
    expect(e.summary.failedModules).toEqual([]);
    expect(e.summary.verdict).toBe('ready');
    expect(
      EvaluationResult.safeParse({ summary: e.summary, plan: e.plan, findings: e.findings }).success,
    ).toBe(true);

    const c = provider.district.counts;
    expect(e.plan.counts).toMatchObject({
      accounts: c.schools,
      courses: c.classes,
      sections: c.classes,
      // Parents are users only with the observers option.
      users: c.users - c.parents,
      enrollments: c.enrollments,
      user_observers: 0,
    });
    // Per-school copies of each semester become one Canvas term.
    expect(e.canvasPlan.terms.length).toBeLessThanOrEqual(2);
  });

  it('with observers on, plans every parent link', async () => {
    const e = await evaluateSnapshot({
      store,
      snapshotId,
      options: MappingOptions.parse({ observers: true }),
    });
    expect(e.plan.counts.users).toBe(provider.district.counts.users);
    expect(e.plan.counts.user_observers).toBeGreaterThanOrEqual(provider.district.counts.parents);
    expect(e.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
