import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainEvent } from '../../shared/ipc/contract';
import { PullJobEvent, PullJobResult } from '../../shared/ipc/channels/pull';
import { ImportJobEvent, ImportJobResult } from '../../shared/ipc/channels/snapshots';
import type { SnapshotDiff } from '../../shared/snapshots/diff';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { acquirePullLock } from '../../electron/services/pull/pull-lock';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { districtCounts } from '../pull/harness';
import { filesContaining } from '../secrets/no-leak';

/**
 * pull:*, snapshots:* and dialog:openCsvBundle through the IPC layer, with the real services, the real keychain
 * (run inside dbus-run-session + gnome-keyring), a real SQLite file and the bundled provider on loopback.
 */
const SAMPLE = '/work/shared/data/oneroster-samples/edfi-grand-bend-1.1';

let dataDir: string;
let services: Services;
let handlers: Handlers;
let provider: RunningProvider;
let profileId: string;
const events: MainEvent[] = [];
const waiters = new Map<string, (e: MainEvent & { type: 'job:done' }) => void>();
/** What the injected "open" dialog answers next (null = the user cancelled). */
let dialogAnswer: string | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-pull-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  provider = await startProvider({ district: { preset: 'tiny' } });
  handlers = createHandlers(
    services,
    (e) => {
      events.push(e);
      if (e.type === 'job:done') waiters.get(e.jobId)?.(e);
    },
    { openCsvBundle: async () => dialogAnswer },
  );
  const profile = await services.profiles.create({
    name: 'Springfield',
    oneroster: {
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      pageSize: 50,
    },
  });
  profileId = profile.id;
  await services.vault.setSecret(profileId, 'oneroster.clientSecret', provider.clientSecret);
});

afterAll(async () => {
  await disposeHandlers(handlers);
  await provider?.close();
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  services.snapshots.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (channel: string, input: unknown) => invokeChannel(handlers, channel, input);

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

function done(jobId: string): Promise<MainEvent & { type: 'job:done' }> {
  const found = events.find((e) => e.type === 'job:done' && e.jobId === jobId);
  if (found) return Promise.resolve(found as MainEvent & { type: 'job:done' });
  return new Promise((resolve) => waiters.set(jobId, resolve));
}

function eventsOf(jobId: string): unknown[] {
  return events
    .filter((e) => e.type === 'job:event' && e.jobId === jobId)
    .map((e) => (e as { event: unknown }).event);
}

async function pull(input: unknown): Promise<{ jobId: string; result: PullJobResult }> {
  const { jobId } = await ok<{ jobId: string }>(
    input && 'snapshotId' in (input as object) ? 'pull:resume' : 'pull:start',
    input,
  );
  const end = await done(jobId);
  expect(end).toMatchObject({ kind: 'pull', ok: true });
  return { jobId, result: PullJobResult.parse(end.result) };
}

describe('input validation', () => {
  it('refuses malformed input on every new channel with invalid_input', async () => {
    const bad: Array<[string, unknown]> = [
      ['pull:start', {}],
      ['pull:start', { profileId: 42 }],
      ['pull:start', { profileId: 'x', delta: 'yes' }],
      ['pull:resume', { snapshotId: '' }],
      ['pull:active', {}],
      ['snapshots:list', { profileId: 'x', extra: true }],
      ['snapshots:get', { id: 7 }],
      ['snapshots:delete', {}],
      ['snapshots:importCsv', { profileId: 'x' }],
      ['snapshots:diff', { a: 'x', b: 'y', limit: 5000 }],
      ['snapshots:diff', { a: 'x', b: 'y', collection: 'teachers' }],
      ['snapshots:diff', { a: 'x', b: 'y', offset: -1 }],
      ['dialog:openCsvBundle', { kind: 'exe' }],
    ];
    for (const [channel, input] of bad) {
      const result = await call(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      if (!result.ok) expect(result.error.hint).toBeTruthy();
    }
  });

  it('names missing districts, snapshots and secrets in plain language', async () => {
    expect(await call('pull:start', { profileId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'profile_not_found' },
    });
    expect(await call('pull:resume', { snapshotId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_not_found' },
    });
    expect(await call('snapshots:get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_not_found' },
    });
    expect(await call('snapshots:delete', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_not_found' },
    });
    const bare = await services.profiles.create({
      name: 'No secret',
      oneroster: {
        baseUrl: provider.baseUrl,
        clientId: 'x',
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
    });
    const refused = await call('pull:start', { profileId: bare.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'secret_missing', hint: expect.stringContaining('Districts') },
    });
    await services.profiles.remove(bare.id);
  });
});

describe('pull, cancel, resume', () => {
  let first: PullJobResult;

  it('pulls every collection into a complete snapshot, streaming progress events', async () => {
    const { jobId, result } = await pull({ profileId });
    first = result;
    expect(result).toMatchObject({ status: 'complete', error: null, delta: null });
    expect(result.counts).toEqual(districtCounts(provider.district));
    const progress = eventsOf(jobId).map((e) => PullJobEvent.parse(e));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ phase: 'complete', snapshotId: result.snapshotId });
    expect(progress.at(-1)!.collections.every((c) => c.state === 'done' || c.state === 'skipped')).toBe(true);

    const { snapshots } = await ok<{ snapshots: Array<{ id: string; status: string; source: string }> }>(
      'snapshots:list',
      { profileId },
    );
    expect(snapshots[0]).toMatchObject({ id: result.snapshotId, status: 'complete', source: 'api' });
    const meta = await ok<{ counts: unknown; providerFacts: object }>('snapshots:get', {
      id: result.snapshotId,
    });
    expect(meta.counts).toEqual(result.counts);
    expect(await ok('pull:active', { profileId })).toEqual({ jobId: null });
  });

  it('allows one pull per district: a second start is refused while the first runs; cancel keeps a resumable snapshot', async () => {
    provider.setFaults({ latencyMs: 150 });
    const { jobId } = await ok<{ jobId: string }>('pull:start', { profileId });
    expect(await ok('pull:active', { profileId })).toEqual({ jobId });
    const again = await call('pull:start', { profileId, delta: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'job_busy', hint: expect.any(String) } });

    // Wait for the first stored page, then try to delete the running snapshot and cancel.
    const running = await waitFor(() => {
      const last = eventsOf(jobId).at(-1);
      const parsed = last ? PullJobEvent.parse(last) : undefined;
      return parsed && parsed.done > 0 ? parsed : undefined;
    });
    expect(await call('snapshots:delete', { id: running.snapshotId })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_in_use' },
    });
    expect(await ok('jobs:cancel', { jobId })).toEqual({ cancelled: true });
    const end = await done(jobId);
    const cancelled = PullJobResult.parse(end.result);
    expect(cancelled).toMatchObject({ status: 'cancelled', snapshotId: running.snapshotId });
    expect(await ok('pull:active', { profileId })).toEqual({ jobId: null });

    // A cancelled snapshot cannot be compared; a complete one cannot be resumed.
    expect(await call('snapshots:diff', { a: first.snapshotId, b: cancelled.snapshotId })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_incomplete' },
    });
    expect(await call('pull:resume', { snapshotId: first.snapshotId })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_not_resumable' },
    });

    provider.setFaults({});
    const resumed = await pull({ snapshotId: cancelled.snapshotId });
    expect(resumed.result).toMatchObject({ status: 'complete' });
    expect(resumed.result.counts).toEqual(districtCounts(provider.district));

    // Same provider, same data: the diff is all unchanged.
    const { diff, page } = await ok<{ diff: SnapshotDiff; page: null }>('snapshots:diff', {
      a: first.snapshotId,
      b: resumed.result.snapshotId,
    });
    expect(page).toBeNull();
    for (const c of Object.values(diff.collections))
      expect(c).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(diff.collections.users.unchanged).toBe(provider.district.tables.users.size);
    expect(await call('snapshots:diff', { a: first.snapshotId, b: first.snapshotId })).toMatchObject({
      ok: false,
      error: { code: 'same_snapshot' },
    });
  });

  it('a delta pull starts from the last complete pull', async () => {
    const { result } = await pull({ profileId, delta: true });
    expect(result.status).toBe('complete');
    expect(result.delta).toMatchObject({ used: true });
    expect(result.counts).toEqual(districtCounts(provider.district));
  });

  it('takes the same cross-process pull lock as `preflight pull`: refused while a command pulls, held while it pulls', async () => {
    // What `preflight pull --profile Springfield` in another process holds while it runs.
    const command = await acquirePullLock(dataDir, profileId, 'Springfield');
    expect(await call('pull:start', { profileId })).toMatchObject({
      ok: false,
      error: {
        code: 'pull_busy',
        message: 'A pull is already running for "Springfield" (in another window or command).',
        hint: expect.stringContaining('Wait for it to finish'),
      },
    });
    expect(await ok('pull:active', { profileId })).toEqual({ jobId: null });
    await command();

    // The app's pull holds it: a command started meanwhile is refused, and gets it once the pull is done.
    provider.setFaults({ latencyMs: 100 });
    const { jobId } = await ok<{ jobId: string }>('pull:start', { profileId });
    await expect(acquirePullLock(dataDir, profileId, 'Springfield')).rejects.toMatchObject({
      code: 'pull_busy',
    });
    provider.setFaults({});
    expect(await done(jobId)).toMatchObject({ kind: 'pull', ok: true });
    await (
      await acquirePullLock(dataDir, profileId, 'Springfield')
    )();
  });
});

describe('CSV import through the dialog', () => {
  it('imports only bundles chosen in the dialog', async () => {
    expect(await call('snapshots:importCsv', { profileId, path: SAMPLE })).toMatchObject({
      ok: false,
      error: { code: 'bundle_not_chosen', hint: expect.stringContaining('Import CSV') },
    });
    dialogAnswer = null;
    expect(await ok('dialog:openCsvBundle', { kind: 'folder' })).toEqual({ path: null });

    dialogAnswer = SAMPLE;
    const { path } = await ok<{ path: string }>('dialog:openCsvBundle', { kind: 'folder' });
    expect(path).toBe(SAMPLE);
    const { jobId } = await ok<{ jobId: string }>('snapshots:importCsv', { profileId, path });
    const end = await done(jobId);
    expect(end).toMatchObject({ kind: 'import', ok: true });
    const result = ImportJobResult.parse(end.result);
    expect(result).toMatchObject({ status: 'complete' });
    expect(result.counts).toEqual({
      orgs: 2,
      academicSessions: 3,
      courses: 2,
      classes: 2,
      users: 10,
      enrollments: 24,
      demographics: 0,
    });
    const progress = eventsOf(jobId).map((e) => ImportJobEvent.parse(e));
    expect(progress.map((p) => p.file)).toContain('users.csv');

    // CSV vs API: nothing in common, so everything is added/removed; pages are capped by `limit`.
    const [api] = (
      await ok<{ snapshots: Array<{ id: string; source: string; status: string }> }>('snapshots:list', {
        profileId,
      })
    ).snapshots.filter((s) => s.source === 'api' && s.status === 'complete');
    const res = await ok<{
      diff: SnapshotDiff;
      page: { total: number; offset: number; items: Array<{ change: string }> };
    }>('snapshots:diff', {
      a: api!.id,
      b: result.snapshotId,
      collection: 'users',
      offset: 0,
      limit: 5,
    });
    expect(res.diff.collections.users).toMatchObject({
      added: 10,
      removed: provider.district.tables.users.size,
      changed: 0,
    });
    expect(res.page.total).toBe(10 + provider.district.tables.users.size);
    expect(res.page.items).toHaveLength(5);
    const added = await ok<{ page: { total: number; items: Array<{ change: string }> } }>('snapshots:diff', {
      a: api!.id,
      b: result.snapshotId,
      collection: 'users',
      change: 'added',
    });
    expect(added.page.total).toBe(10);
    expect(added.page.items.every((i) => i.change === 'added')).toBe(true);
  });
});

describe('delete', () => {
  it('deletes a snapshot explicitly and it is gone', async () => {
    const { snapshots } = await ok<{ snapshots: Array<{ id: string; status: string }> }>('snapshots:list', {
      profileId,
    });
    const victim = snapshots.find((s) => s.status === 'cancelled')!;
    expect(await ok('snapshots:delete', { id: victim.id })).toEqual({ deleted: true });
    expect(await call('snapshots:get', { id: victim.id })).toMatchObject({
      ok: false,
      error: { code: 'snapshot_not_found' },
    });
    const after = (await ok<{ snapshots: Array<{ id: string }> }>('snapshots:list', {})).snapshots;
    expect(after.map((s) => s.id)).not.toContain(victim.id);
    expect(after).toHaveLength(snapshots.length - 1);
  });
});

describe('secrets', () => {
  it('never appear in any response, event, or file in the data folder', async () => {
    const traffic = JSON.stringify(events);
    expect(traffic.length).toBeGreaterThan(1000);
    expect(traffic).not.toContain(provider.clientSecret);
    for (const s of (await ok<{ snapshots: Array<{ id: string }> }>('snapshots:list', {})).snapshots) {
      expect(JSON.stringify(await call('snapshots:get', { id: s.id }))).not.toContain(provider.clientSecret);
    }
    expect(filesContaining(dataDir, provider.clientSecret)).toEqual([]);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
