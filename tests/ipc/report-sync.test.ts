import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainEvent } from '../../shared/ipc/contract';
import { DEFAULT_IMPORT_MODE } from '../../shared/sync/import-mode';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { CanvasClient } from '../../electron/services/canvas-api';
import { writeCanvasZip } from '../../electron/services/canvas-csv';
import { readImportZip } from '../../electron/services/canvas-import-model';
import { createServices, type Services } from '../../electron/services/container';
import {
  generateBaseline,
  startCanvasDouble,
  type RunningCanvasDouble,
} from '../../electron/services/demo-canvas';
import {
  createSisImportState,
  sisImportRoutes,
  type SisImportState,
} from '../../electron/services/demo-canvas/sis-import-routes';
import { generateDistrict, startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { buildPlan } from '../../electron/services/plan';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { postSisImport, SyncHistoryStore } from '../../electron/services/sync';

/**
 * sync:* and report:* through the IPC layer with the real services, keychain, SQLite, a OneRoster provider and a
 * Canvas double with SIS imports on loopback: main checks the typed name itself, a sync sent before the app
 * "closed" is followed again when the handlers start, the error file is saved only into a picked folder, the
 * report lists the syncs, and the Canvas token never appears in anything the window receives.
 */
const NAME = 'Shelbyville SD';
let dataDir: string;
let outDir: string;
let services: Services;
let handlers: Handlers;
let provider: RunningProvider;
let canvas: RunningCanvasDouble;
let sis: SisImportState;
let profileId: string;
const token = `ipc-${randomBytes(16).toString('hex')}`;
const events: MainEvent[] = [];
const waiters = new Map<string, (e: MainEvent & { type: 'job:done' }) => void>();
const traffic: string[] = [];

function makeHandlers(): Handlers {
  return createHandlers(
    services,
    (e) => {
      events.push(e);
      traffic.push(JSON.stringify(e));
      if (e.type === 'job:done') waiters.get(e.jobId)?.(e);
    },
    { chooseFolder: async () => outDir, syncPoll: { intervalMs: 100, maxIntervalMs: 200 } },
  );
}

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await invokeChannel(handlers, channel, input);
  traffic.push(JSON.stringify(r));
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as T;
}

function done(jobId: string): Promise<MainEvent & { type: 'job:done' }> {
  const seen = events.find((e) => e.type === 'job:done' && e.jobId === jobId);
  if (seen) return Promise.resolve(seen as MainEvent & { type: 'job:done' });
  return new Promise((resolve) => waiters.set(jobId, resolve));
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-sync-'));
  outDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-sync-out-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  const district = generateDistrict({ preset: 'tiny' });
  provider = await startProvider({ district });
  sis = createSisImportState({ knobs: { pollsToFinish: 2 } });
  canvas = await startCanvasDouble({
    baseline: generateBaseline(district),
    token,
    extraRoutes: sisImportRoutes(sis),
  });
  handlers = makeHandlers();
  const profile = await services.profiles.create({
    name: NAME,
    oneroster: {
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    },
    canvas: { baseUrl: canvas.url, rootAccountId: '1' },
    // The district's zone (not this machine's): the sent terms.csv must carry its offset.
    timeZone: 'Asia/Kathmandu',
  });
  profileId = profile.id;
  await services.vault.setSecret(profileId, 'oneroster.clientSecret', provider.clientSecret);
  await services.vault.setSecret(profileId, 'canvas.token', token);
  await done((await call<{ jobId: string }>('pull:start', { profileId })).jobId);
  await done((await call<{ jobId: string }>('evaluate:start', { profileId })).jobId);
});

afterAll(async () => {
  await disposeHandlers(handlers);
  await services.vault.deleteAll(profileId).catch(() => undefined);
  await canvas?.close();
  await provider?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

describe('sync handlers', () => {
  it('preflight: Canvas settings without the token, the saved mode and no refusal for a clean district', async () => {
    const pre = await call<{ canvas: Record<string, unknown>; refusals: unknown[]; terms: unknown[] }>(
      'sync:preflight',
      { profileId },
    );
    expect(pre.canvas).toEqual({ baseUrl: canvas.url, rootAccountId: '1', tokenStored: true });
    expect(pre.refusals).toEqual([]);
    expect(pre.terms.length).toBeGreaterThan(0);
  });

  it('refuses on main when the typed name does not match, and sends nothing', async () => {
    await expect(
      call('sync:start', { profileId, importMode: {}, confirmName: 'Shelbyville' }),
    ).rejects.toMatchObject({
      code: 'confirm_mismatch',
    });
    expect(sis.received).toHaveLength(0);
  });

  it('runs a sync with the typed name, records it, and saves the error file only into a picked folder', async () => {
    sis.knobs.extraErrors = [['users.csv', 'Something Canvas disliked', 2]];
    const { jobId } = await call<{ jobId: string }>('sync:start', {
      profileId,
      importMode: {},
      confirmName: ` ${NAME} `,
    });
    const end = await done(jobId);
    expect(end.ok).toBe(true);
    const terms = (await readImportZip(sis.received.at(-1)!.zip)).find((f) => f.name === 'terms.csv')!;
    const dates = terms.rows.flatMap((r) => [r.start_date, r.end_date]).filter(Boolean);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d).toMatch(/T\d\d:\d\d:\d\d\+05:45$/);
    const progress = events
      .filter((e) => e.type === 'job:event' && e.jobId === jobId)
      .map((e) => (e as { event: { phase: string } }).event.phase);
    expect(progress).toEqual(expect.arrayContaining(['writing', 'posting', 'polling', 'done']));
    const { entries } = await call<{
      entries: Array<{
        id: string;
        status: string;
        result: { errorFile: { url: string } | null; errors: Array<{ entity: unknown }> };
      }>;
    }>('sync:history', { profileId });
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry.status).toBe('finished');
    expect(entry.result.errors.some((m) => m.entity !== null)).toBe(true);
    // The file verifier (a download capability) does not reach the window.
    expect(entry.result.errorFile?.url).not.toContain('?');

    await expect(call('sync:saveErrorFile', { profileId, entryId: entry.id, outDir })).rejects.toMatchObject({
      code: 'folder_not_chosen',
    });
    await call('dialog:chooseFolder', {});
    const saved = await call<{ path: string }>('sync:saveErrorFile', {
      profileId,
      entryId: entry.id,
      outDir,
    });
    expect(readFileSync(saved.path, 'utf8')).toContain('Something Canvas disliked');
  });

  it('simulates from the plan without a baseline, and refuses batch mode without a term on start', async () => {
    const sim = await call<{ basis: string; rows: Array<{ type: string; create: number }> }>(
      'sync:simulate',
      { profileId, importMode: { mode: 'batch' } },
    );
    expect(sim.basis).toBe('plan');
    expect(sim.rows.find((r) => r.type === 'users')?.create).toBeGreaterThan(0);
    await expect(
      call('sync:start', { profileId, importMode: { mode: 'batch' }, confirmName: NAME }),
    ).rejects.toMatchObject({ code: 'import_mode_invalid' });
  });

  it('follows an import sent before the app closed when the handlers start again', async () => {
    // What runSync leaves behind when the app dies right after Canvas answered the POST: the import id, status polling.
    const history = new SyncHistoryStore(dataDir);
    const entry = await history.begin({
      profileId,
      by: 'tester',
      startedAt: new Date().toISOString(),
      canvasUrl: canvas.url,
      rootAccountId: '1',
      importMode: DEFAULT_IMPORT_MODE,
      options: { snapshotId: null, zipBytes: 0, files: [], changeSisIdRows: 0 },
    });
    const zipPath = join(outDir, 'left-behind.zip');
    const snapshot = services.snapshots.latestComplete(profileId)!;
    await writeCanvasZip(
      buildPlan(services.snapshots.db, snapshot.id, services.settings.getMapping(profileId)),
      {},
      zipPath,
    );
    const posted = await postSisImport(
      new CanvasClient({ baseUrl: canvas.url, token }),
      '1',
      zipPath,
      DEFAULT_IMPORT_MODE,
    );
    await history.update(profileId, entry.id, { importId: String(posted.id), status: 'polling' });
    // Sent, outcome unknown: a new sync must wait, the same answer `preflight sync` gets (SyncHistoryStore.busy).
    const pre = await call<{ refusals: Array<{ code: string }> }>('sync:preflight', { profileId });
    expect(pre.refusals.map((r) => r.code)).toContain('sync_running');

    await disposeHandlers(handlers);
    handlers = makeHandlers();
    let status = await call<{ jobId: string | null }>('sync:status', { profileId });
    const until = Date.now() + 20_000;
    while (status.jobId === null && (await history.get(profileId, entry.id))?.status !== 'finished') {
      if (Date.now() > until) throw new Error('the unfinished sync was not resumed');
      await new Promise((r) => setTimeout(r, 50));
      status = await call('sync:status', { profileId });
    }
    if (status.jobId) await done(status.jobId);
    const after = await history.get(profileId, entry.id);
    expect(after?.status).toBe('finished');
    expect(after?.result?.importId).toBe(String(posted.id));
  });

  it('lists every sync in the report, and no output ever carried the Canvas token', async () => {
    await done((await call<{ jobId: string }>('evaluate:start', { profileId })).jobId);
    const { preview } = await call<{
      preview: { model: { syncHistory: Array<{ importId: string | null }> } } | null;
    }>('report:preview', { profileId });
    expect(preview?.model.syncHistory).toHaveLength(2);
    expect(traffic.some((t) => t.includes(token))).toBe(false);
    expect(existsSync(join(dataDir, 'sync', `${profileId}.lock`))).toBe(false);
  });

  it("sends through the district's proxy setting: with its proxy down nothing reaches Canvas, and no zip stays", async () => {
    const before = sis.received.length;
    await services.profiles.update(profileId, {
      network: { proxy: { mode: 'manual', url: 'http://127.0.0.1:9' }, caFile: null },
    });
    try {
      const { jobId } = await call<{ jobId: string }>('sync:start', {
        profileId,
        importMode: {},
        confirmName: NAME,
      });
      expect((await done(jobId)).ok).toBe(false);
      expect(sis.received).toHaveLength(before);
    } finally {
      await services.profiles.update(profileId, { network: null });
    }
    const zips = (d: string): string[] =>
      existsSync(d)
        ? readdirSync(d, { withFileTypes: true }).flatMap((e) =>
            e.isDirectory() ? zips(join(d, e.name)) : e.name.endsWith('.zip') ? [e.name] : [],
          )
        : [];
    expect(zips(dataDir)).toEqual([]);
  });
});
