import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainEvent } from '../../shared/ipc/contract';
import type { VerifyReport } from '../../shared/verify/report';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';

/** demo:open + verify:start through the IPC layer, against the bundled provider, across an app "restart". */
let dataDir: string;
let services: Services;
const running: Handlers[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-demo-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
});

afterAll(async () => {
  for (const h of running) await disposeHandlers(h);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  await rm(dataDir, { recursive: true, force: true });
});

function start(): { handlers: Handlers; events: MainEvent[]; done: (jobId: string) => Promise<MainEvent> } {
  const events: MainEvent[] = [];
  const waiters = new Map<string, (e: MainEvent) => void>();
  const handlers = createHandlers(services, (e) => {
    events.push(e);
    if (e.type === 'job:done') waiters.get(e.jobId)?.(e);
  });
  running.push(handlers);
  const done = (jobId: string) =>
    new Promise<MainEvent>((resolve) => {
      const found = events.find((e) => e.type === 'job:done' && e.jobId === jobId);
      if (found) resolve(found);
      else waiters.set(jobId, resolve);
    });
  return { handlers, events, done };
}

async function verify(app: ReturnType<typeof start>, profileId: string) {
  const started = await invokeChannel(app.handlers, 'verify:start', { profileId });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.data as { jobId: string };
  const done = await app.done(jobId);
  if (done.type !== 'job:done' || !done.ok) throw new Error(`verify failed: ${JSON.stringify(done)}`);
  return { jobId, report: done.result as VerifyReport };
}

describe('demo district', () => {
  it('opens once, verifies, and a second run of the app re-points the demo profile before verifying', async () => {
    const first = start();
    const opened = await invokeChannel(first.handlers, 'demo:open', {});
    expect(opened).toMatchObject({
      ok: true,
      data: { profile: { name: 'Demo district', demo: true }, secrets: { 'oneroster.clientSecret': true } },
    });
    if (!opened.ok) return;
    const id = (opened.data as { profile: { id: string; oneroster: { baseUrl: string } } }).profile.id;
    const firstUrl = (await services.profiles.get(id)).oneroster.baseUrl;

    const { jobId, report } = await verify(first, id);
    expect(report.summary.verdict).not.toBe('not_ready');
    expect(first.events.some((e) => e.type === 'job:event' && e.jobId === jobId)).toBe(true);
    expect(await invokeChannel(first.handlers, 'verify:last', { profileId: id })).toEqual({
      ok: true,
      data: report,
    });

    // Opening again reuses the same profile (no duplicates).
    await invokeChannel(first.handlers, 'demo:open', {});
    expect((await services.profiles.list()).filter((p) => p.demo)).toHaveLength(1);
    await disposeHandlers(first.handlers);

    // "Restart": the old provider is gone; verify must start a new one and re-point the profile.
    const second = start();
    expect(await invokeChannel(second.handlers, 'verify:last', { profileId: id })).toEqual({
      ok: true,
      data: report,
    });
    const again = await verify(second, id);
    expect(again.report.summary.verdict).not.toBe('not_ready');
    expect((await services.profiles.get(id)).oneroster.baseUrl).not.toBe(firstUrl);
  });

  it('a second verify of the same district while one runs is refused with job_busy', async () => {
    const app = start();
    const opened = await invokeChannel(app.handlers, 'demo:open', {});
    if (!opened.ok) throw new Error(opened.error.message);
    const id = (opened.data as { profile: { id: string } }).profile.id;
    const a = await invokeChannel(app.handlers, 'verify:start', { profileId: id });
    const b = await invokeChannel(app.handlers, 'verify:start', { profileId: id });
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'job_busy' } });
    if (a.ok) {
      const { jobId } = a.data as { jobId: string };
      expect(await invokeChannel(app.handlers, 'jobs:cancel', { jobId })).toEqual({
        ok: true,
        data: { cancelled: true },
      });
      const done = await app.done(jobId);
      // Cancelled verify still answers: a report marked cancelled, or the 'cancelled' error.
      expect(
        done.type === 'job:done' &&
          (done.ok ? (done.result as VerifyReport).summary.cancelled : done.error?.code === 'cancelled'),
      ).toBe(true);
    }
  });
});
