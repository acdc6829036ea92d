import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProvider } from '../../electron/services/demo-provider/index';
import { verifyConnection } from '../../electron/services/verify/index';
import type { VerifyEvent } from '../../shared/verify/report';
import { runVerify, targetArgs, tinyProvider } from './helpers';

/** Cancelling a slow verification returns promptly with what was found so far. */
describe('verify: cancellation', () => {
  let provider: RunningProvider;

  beforeAll(async () => {
    provider = await tinyProvider({ faults: { latencyMs: 400 } });
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('verifyConnection: aborting after the first endpoint result returns summary.cancelled with a partial checklist', async () => {
    const controller = new AbortController();
    const events: VerifyEvent[] = [];
    const started = Date.now();
    const report = await verifyConnection(
      {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
      {
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'check' && e.check.id.startsWith('endpoint:')) controller.abort();
        },
      },
    );
    expect(report.summary.cancelled).toBe(true);
    const endpointChecks = report.summary.checks.filter((c) => c.id.startsWith('endpoint:'));
    expect(endpointChecks.length).toBeGreaterThanOrEqual(1);
    expect(endpointChecks.length).toBeLessThan(12);
    expect(report.summary.checks.some((c) => c.id === 'paging')).toBe(false);
    expect(events.at(-1)).toEqual({ type: 'phase', phase: 'cancelled', message: 'Verification cancelled' });
    // 12 endpoints at 400 ms each, 4 at a time, would take ≥ 1.2 s more after the first result.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('an already-aborted signal returns at once, cancelled, without a request', async () => {
    const before = provider.stats().requests;
    const report = await verifyConnection(
      {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
      { signal: AbortSignal.abort() },
    );
    expect(report.summary.cancelled).toBe(true);
    expect(report.summary.checks).toEqual([]);
    expect(provider.stats().requests).toBe(before);
  });

  it('CLI: the AbortSignal (Ctrl+C) ends the run with exit 130 and a JSON report marked cancelled', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 700);
    const run = await runVerify([...targetArgs(provider), '--json'], provider.clientSecret, {
      signal: controller.signal,
    });
    clearTimeout(timer);
    expect(run.code).toBe(130);
    expect(run.report!.summary.cancelled).toBe(true);
  });
});
