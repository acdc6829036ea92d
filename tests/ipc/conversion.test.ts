import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MainEvent } from '../../shared/ipc/contract';
import { BaselineJobEvent, BaselineJobResult } from '../../shared/ipc/channels/baseline';
import type { ConversionState, ObjectsPage, ProposalsPage } from '../../shared/ipc/channels/conversion';
import type { ProfileView } from '../../shared/ipc/channels/profiles';
import type { ThresholdSimulation } from '../../shared/conversion/types';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { generateBaseline, writeProvisioningZip } from '../../electron/services/demo-canvas';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { DEMO_CANVAS_SCENARIOS } from '../../electron/services/demo/servers';

/**
 * baseline:*, conversion:* and the CNV-* findings through the IPC layer with the real services: the demo
 * district (provider + Canvas double on loopback), the real keychain, a real SQLite file. Run inside
 * dbus-run-session + gnome-keyring like the other keychain tests.
 */
const DISTRICT = { preset: 'small' as const };

let dataDir: string;
let services: Services;
let handlers: Handlers;
let profileId: string;
const events: MainEvent[] = [];
const traffic: string[] = [];
const waiters = new Map<string, (e: MainEvent & { type: 'job:done' }) => void>();
/** What the injected dialogs answer next. */
let openAnswer: string | null = null;
let saveAnswer: string | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-conversion-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  handlers = createHandlers(
    services,
    (e) => {
      events.push(e);
      traffic.push(JSON.stringify(e));
      if (e.type === 'job:done') waiters.get(e.jobId)?.(e);
    },
    {
      demoDistrict: DISTRICT,
      openBaselineZip: async () => openAnswer,
      saveChangeSisId: async () => saveAnswer,
    },
  );
});

afterAll(async () => {
  await disposeHandlers(handlers);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  services.snapshots.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function call(channel: string, input: unknown) {
  const result = await invokeChannel(handlers, channel, input);
  traffic.push(JSON.stringify(result));
  return result;
}

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

const summary = () => ok<ConversionState>('conversion:summary', { profileId });

// The tests below are one story on one demo district (opened by the first test): say so when it is run in part
// (e.g. with -t) instead of failing later with invalid_input for a missing profileId.
beforeEach((ctx) => {
  if (profileId === undefined && !ctx.task.name.startsWith('opens the demo district')) {
    throw new Error('This file is one sequence on the demo district opened by its first test; run it whole.');
  }
});

describe('conversion over IPC', () => {
  it('opens the demo district with Canvas settings and the token in the keychain only', async () => {
    const view = await ok<ProfileView>('demo:open', {});
    profileId = view.profile.id;
    expect(view.profile.canvas?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(view.secrets['canvas.token']).toBe(true);
    expect(await services.vault.getSecret(profileId, 'canvas.token')).toMatch(/^demo-/);
  });

  it('says what is missing before a snapshot and before a baseline', async () => {
    expect(await summary()).toMatchObject({ status: 'no_snapshot', summary: null });
    const { jobId } = await ok<{ jobId: string }>('pull:start', { profileId });
    expect(await done(jobId)).toMatchObject({ ok: true });
    expect(await summary()).toMatchObject({
      status: 'no_baseline',
      canvas: { configured: true, tokenStored: true },
      importMode: { mode: 'standard' },
    });
    expect(await call('conversion:objects', { profileId, type: 'users' })).toMatchObject({
      ok: false,
      error: { code: 'conversion_unavailable' },
    });
  });

  it('fetches the baseline from the Canvas double as a job with progress', async () => {
    const { jobId } = await ok<{ jobId: string }>('baseline:fetch', { profileId, via: 'api' });
    expect(await ok('baseline:active', { profileId })).toEqual({ jobId });
    expect(await call('baseline:fetch', { profileId, via: 'api' })).toMatchObject({
      ok: false,
      error: { code: 'job_busy' },
    });
    const end = await done(jobId);
    expect(end).toMatchObject({ kind: 'baseline', ok: true });
    const result = BaselineJobResult.parse(end.result);
    expect(result.baseline).toMatchObject({ status: 'complete', source: 'api', profileId });
    const progress = events
      .filter((e) => e.type === 'job:event' && e.jobId === jobId)
      .map((e) => BaselineJobEvent.parse((e as { event: unknown }).event));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.rows).toBeGreaterThan(0);
    const expected = generateBaseline(DISTRICT, DEMO_CANVAS_SCENARIOS);
    expect(result.baseline.counts?.courses.total).toBe(expected.courses.length);
  });

  it('classifies every type and pages the side-by-side table from main', async () => {
    const state = await summary();
    expect(state.status).toBe('ready');
    expect(state.conversionId).toBeTruthy();
    const users = state.summary!.counts.users!;
    expect(users.keep).toBeGreaterThan(0);
    expect(users.create).toBeGreaterThan(0);
    expect(users.remap).toBeGreaterThan(0);
    expect(state.summary!.counts.courses!.orphan).toBeGreaterThanOrEqual(
      DEMO_CANVAS_SCENARIOS.orphanCourses!,
    );
    expect(state.findingsByRule['CNV-USER-REMAP']).toBeGreaterThan(0);
    expect(state.terms.length).toBeGreaterThan(0);

    const page = await ok<ObjectsPage>('conversion:objects', { profileId, type: 'users', limit: 50 });
    const total = Object.values(users).reduce((a, b) => a + b, 0);
    expect(page.total).toBe(total);
    expect(page.rows).toHaveLength(50);
    // Default order: what needs attention first.
    expect(page.rows[0]!.status).toBe('remap');
    const second = await ok<ObjectsPage>('conversion:objects', {
      profileId,
      type: 'users',
      offset: 50,
      limit: 50,
    });
    expect(second.rows[0]!.index).toBe(50);

    const remaps = await ok<ObjectsPage>('conversion:objects', { profileId, type: 'users', status: 'remap' });
    expect(remaps.total).toBe(users.remap);
    expect(remaps.rows.every((r) => r.status === 'remap' && r.canvasSisId !== r.plannedId)).toBe(true);
    const probe = remaps.rows[0]!;
    const found = await ok<ObjectsPage>('conversion:objects', {
      profileId,
      type: 'users',
      search: probe.plannedId!,
    });
    expect(found.rows.map((r) => r.plannedId)).toContain(probe.plannedId);
    const byName = await ok<ObjectsPage>('conversion:objects', {
      profileId,
      type: 'courses',
      sort: [{ id: 'name', desc: true }],
      limit: 20,
    });
    const names = byName.rows.map((r) => r.name);
    expect(names).toEqual(
      [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' })),
    );
  });

  it('accepts and rejects remaps one by one and in bulk by confidence', async () => {
    const all = await ok<ProposalsPage>('conversion:proposals', { profileId });
    expect(all.total).toBeGreaterThan(2);
    const high = all.facets.confidence.high ?? 0;
    expect(high).toBeGreaterThan(0);

    const bulk = await ok<{ changed: number; proposals: { accepted: number } }>('conversion:decide', {
      profileId,
      decision: 'accepted',
      filter: { confidence: 'high' },
    });
    expect(bulk.changed).toBe(high);
    expect(bulk.proposals.accepted).toBe(high);

    const pending = await ok<ProposalsPage>('conversion:proposals', {
      profileId,
      filter: { decision: 'pending' },
    });
    if (pending.total > 0) {
      const one = pending.rows[0]!;
      const res = await ok<{ changed: number }>('conversion:decide', {
        profileId,
        decision: 'rejected',
        ids: [one.id],
      });
      expect(res.changed).toBe(1);
      const again = await ok<ProposalsPage>('conversion:proposals', {
        profileId,
        filter: { decision: 'rejected' },
      });
      expect(again.rows.map((r) => r.id)).toContain(one.id);
    }
    expect(
      await call('conversion:decide', { profileId, decision: 'accepted', ids: ['user:nope>nope'] }),
    ).toMatchObject({ ok: false, error: { code: 'proposal_not_found' } });
    expect(await call('conversion:decide', { profileId, decision: 'accepted' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // Persisted per district: a fresh summary shows the same decisions.
    expect((await summary()).summary!.proposals.accepted).toBe(high);
  });

  it('simulates batch mode for a term and saves the import mode', async () => {
    const before = (await summary()).summary!.simulation;
    expect(await call('conversion:simulate', { profileId, importMode: { mode: 'batch' } })).toMatchObject({
      ok: false,
      error: { code: 'batch_term_required' },
    });
    // A term Canvas already holds courses in: batch mode replaces that term's SIS objects.
    const terms = (await summary()).terms.map((t) => t.id);
    const term =
      terms.find((t) => before.rows.some((r) => r.type === 'courses' && r.term === t && r.existing > 0)) ??
      terms[0]!;

    const res = await ok<{ importMode: { mode: string }; simulation: ThresholdSimulation }>(
      'conversion:simulate',
      {
        profileId,
        importMode: { mode: 'batch', termId: term, changeThreshold: 1 },
      },
    );
    expect(res.simulation.importMode).toMatchObject({ mode: 'batch', termId: term, changeThreshold: 1 });
    expect(services.settings.getImportMode(profileId)).toMatchObject({ mode: 'batch', termId: term });
    const deletes = (s: ThresholdSimulation) => s.rows.reduce((n, r) => n + r.delete, 0);
    // Standard mode never deletes; batch deletes the term's orphans.
    expect(deletes(before)).toBe(0);
    expect((await summary()).importMode.mode).toBe('batch');
    // Batch mode deletes the term's SIS courses that are not in the file: here, all of them.
    const existing = before.rows.find((r) => r.type === 'courses' && r.term === term)!.existing;
    expect(existing).toBeGreaterThan(0);
    expect(deletes(res.simulation)).toBeGreaterThan(0);
    expect(res.simulation.percentages.courses).toBeGreaterThan(0);
    expect(res.simulation.exceeds).toContain('courses');
    await ok('conversion:simulate', { profileId, importMode: { mode: 'standard' } });
  });

  it('exports change_sis_id.csv with the accepted remaps to the chosen path', async () => {
    saveAnswer = null;
    expect(await ok('conversion:exportChangeSisId', { profileId })).toEqual({ path: null, rows: 0 });
    saveAnswer = join(dataDir, 'change_sis_id.csv');
    const res = await ok<{ path: string; rows: number }>('conversion:exportChangeSisId', { profileId });
    const accepted = (await summary()).summary!.proposals.accepted;
    expect(res).toEqual({ path: saveAnswer, rows: accepted });
    const lines = (await readFile(saveAnswer, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('old_id,new_id,old_integration_id,new_integration_id,type');
    expect(lines).toHaveLength(accepted + 1);
  });

  it('puts CNV-* findings into the evaluation and keeps them in step with decisions', async () => {
    const { jobId } = await ok<{ jobId: string }>('evaluate:start', { profileId });
    expect(await done(jobId)).toMatchObject({ ok: true });
    const byRule = async () => {
      const s = await ok<{ summary: { summary: { byRule: Array<{ ruleId: string; count: number }> } } }>(
        'findings:summary',
        { profileId },
      );
      return new Map(s.summary.summary.byRule.map((r) => [r.ruleId, r.count]));
    };
    const rules = await byRule();
    expect([...rules.keys()].some((r) => r.startsWith('CNV-'))).toBe(true);
    expect(rules.get('CNV-USER-REMAP')).toBeGreaterThan(0);
    const state = await summary();
    for (const [rule, count] of Object.entries(state.findingsByRule)) expect(rules.get(rule)).toBe(count);
    expect(rules.has('CNV-THRESHOLD')).toBe(false);

    // An import mode whose deletions exceed the threshold: CNV-THRESHOLD appears without re-evaluating.
    const before = state.summary!.simulation;
    const term = state.terms.find((t) =>
      before.rows.some((r) => r.type === 'courses' && r.term === t.id && r.existing > 0),
    )!.id;
    await ok('conversion:simulate', {
      profileId,
      importMode: { mode: 'batch', termId: term, changeThreshold: 1 },
    });
    expect((await byRule()).get('CNV-THRESHOLD')).toBeGreaterThan(0);
    await ok('conversion:simulate', { profileId, importMode: { mode: 'standard' } });
    expect((await byRule()).has('CNV-THRESHOLD')).toBe(false);
  });

  it('syncs the demo district into the demo Canvas once its blockers are acknowledged', async () => {
    const snapshotId = services.snapshots.latestComplete(profileId)!.id;
    const blockers = await ok<{ rows: Array<{ ruleId: string; entityType: string; sourcedId: string }> }>(
      'findings:query',
      { profileId, snapshotId, offset: 0, limit: 500, filters: { severity: ['blocker'] } },
    );
    for (const f of blockers.rows) {
      await ok('settings:setRules', {
        profileId,
        change: { kind: 'acknowledge', ...f, reason: 'Checked with the district' },
      });
    }
    const name = (await services.profiles.get(profileId)).name;
    const { jobId } = await ok<{ jobId: string }>('sync:start', {
      profileId,
      importMode: {},
      confirmName: name,
    });
    const end = await done(jobId);
    expect(end).toMatchObject({ ok: true });
    const { entries } = await ok<{
      entries: Array<{ status: string; result: { workflowState: string } | null }>;
    }>('sync:history', { profileId });
    expect(entries[0]).toMatchObject({ status: 'finished' });
    expect(['imported', 'imported_with_messages']).toContain(entries[0]!.result!.workflowState);
  });

  it('fetches the baseline via the provisioning report Canvas builds', async () => {
    // The sync above was applied to the demo Canvas (as a real Canvas would), so the first baseline is out of
    // date: compare the report with an API fetch of the same, current Canvas.
    const before = (
      await ok<{ baselines: Array<{ counts: { users: { total: number } } }> }>('baseline:list', { profileId })
    ).baselines[0]!;
    const api = await ok<{ jobId: string }>('baseline:fetch', { profileId, via: 'api' });
    expect(await done(api.jobId)).toMatchObject({ kind: 'baseline', ok: true });
    const { jobId } = await ok<{ jobId: string }>('baseline:fetch', { profileId, via: 'report' });
    const end = await done(jobId);
    expect(end).toMatchObject({ kind: 'baseline', ok: true });
    const result = BaselineJobResult.parse(end.result);
    expect(result.baseline).toMatchObject({ status: 'complete', source: 'report' });
    const phases = events
      .filter((e) => e.type === 'job:event' && e.jobId === jobId)
      .map((e) => BaselineJobEvent.parse((e as { event: unknown }).event).phase);
    expect(phases).toContain('report');
    // Same Canvas, same rows as the API fetch; both see the users the sync created.
    const [viaReport, viaApi] = (
      await ok<{ baselines: Array<{ counts: { users: { total: number } }; source: string }> }>(
        'baseline:list',
        { profileId },
      )
    ).baselines;
    expect([viaReport!.source, viaApi!.source]).toEqual(['report', 'api']);
    expect(viaReport!.counts).toEqual(viaApi!.counts);
    expect(viaApi!.counts.users.total).toBeGreaterThan(before.counts.users.total);
  });

  it('imports a provisioning report zip chosen in the dialog, and refuses other paths', async () => {
    const zip = join(dataDir, 'provisioning.zip');
    await writeProvisioningZip(generateBaseline(DISTRICT, DEMO_CANVAS_SCENARIOS), zip);
    expect(await call('baseline:importZip', { profileId, path: zip })).toMatchObject({
      ok: false,
      error: { code: 'report_not_chosen' },
    });
    openAnswer = zip;
    const { path } = await ok<{ path: string }>('dialog:openBaselineZip', {});
    const { jobId } = await ok<{ jobId: string }>('baseline:importZip', { profileId, path });
    const end = await done(jobId);
    expect(end).toMatchObject({ ok: true });
    expect(BaselineJobResult.parse(end.result).baseline).toMatchObject({
      source: 'report',
      status: 'complete',
    });
    const list = await ok<{ baselines: Array<{ id: string; source: string }> }>('baseline:list', {
      profileId,
    });
    expect(list.baselines.map((b) => b.source)).toEqual(['report', 'report', 'api', 'api']);
    // The newest complete baseline is what the conversion uses now.
    expect((await summary()).baseline?.source).toBe('report');
  });

  it('cancels a fetch: the job ends cancelled and the previous baseline stays in use', async () => {
    const before = (await summary()).baseline!.id;
    const { jobId } = await ok<{ jobId: string }>('baseline:fetch', { profileId, via: 'api' });
    await ok('jobs:cancel', { jobId });
    const end = await done(jobId);
    expect(end.ok).toBe(false);
    expect(end.error?.code).toMatch(/cancel/);
    expect((await summary()).baseline!.id).toBe(before);
  });

  it('deletes a baseline; without a token or Canvas URL the fetch says what to do', async () => {
    const list = await ok<{ baselines: Array<{ id: string; status: string }> }>('baseline:list', {
      profileId,
    });
    const failed = list.baselines.find((b) => b.status === 'failed');
    if (failed) expect(await ok('baseline:delete', { id: failed.id })).toEqual({ deleted: true });
    expect(await call('baseline:delete', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'baseline_not_found' },
    });
    const plain = await ok<ProfileView>('profiles:create', {
      name: 'No Canvas',
      oneroster: {
        baseUrl: 'https://example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
    });
    expect(await call('baseline:fetch', { profileId: plain.profile.id, via: 'api' })).toMatchObject({
      ok: false,
      error: { code: 'canvas_not_configured' },
    });
    await ok('profiles:update', {
      id: plain.profile.id,
      patch: { canvas: { baseUrl: 'https://district.instructure.com' } },
    });
    expect(await call('baseline:fetch', { profileId: plain.profile.id, via: 'report' })).toMatchObject({
      ok: false,
      error: { code: 'canvas_token_missing' },
    });
    // Updating something else keeps the Canvas settings.
    const renamed = await ok<ProfileView>('profiles:update', {
      id: plain.profile.id,
      patch: { name: 'Renamed' },
    });
    expect(renamed.profile.canvas?.baseUrl).toBe('https://district.instructure.com');
  });

  it('never sends the Canvas token to the renderer', async () => {
    const token = (await services.vault.getSecret(profileId, 'canvas.token'))!;
    expect(traffic.length).toBeGreaterThan(10);
    expect(traffic.join('\n')).not.toContain(token);
  });
});
