import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../electron/main/ipc/invoke';
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
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/**
 * Journey 8 in real Chromium against the real handlers, a OneRoster provider and a Canvas double with SIS imports
 * on loopback: the guard rail refuses while blockers are open, acknowledging them allows the sync, the simulation
 * follows the import mode, the district name is typed to confirm, progress is live, Canvas's warnings map back
 * to OneRoster records, the history records it (and the report lists it); then a second sync is aborted.
 */
const DISTRICT_SPEC = {
  preset: 'tiny' as const,
  defects: [{ kind: 'missing-username', rate: 0.05 }],
};
const NAME = 'Springfield USD';

const nav = (page: Page, name: string) => page.locator('nav').getByRole('button', { name, exact: true });

describe('one-off sync', () => {
  let app: E2EApp;
  let page: Page;
  let provider: RunningProvider;
  let canvas: RunningCanvasDouble;
  let sis: SisImportState;
  let profileId: string;
  const token = `e2e-${randomBytes(16).toString('hex')}`;

  const call = async (channel: string, input: unknown) => {
    const r = await invokeChannel(app.handlers, channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as never;
  };
  const waitIdle = async (channel: 'pull:active' | 'evaluate:active' | 'baseline:active') => {
    const until = Date.now() + 60_000;
    while (((await call(channel, { profileId })) as { jobId: string | null }).jobId !== null) {
      if (Date.now() > until) throw new Error(`${channel} still running after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    const district = generateDistrict(DISTRICT_SPEC);
    provider = await startProvider({ district });
    const baseline = generateBaseline(district, { seed: 3 });
    // The double applies each import to its Canvas row by row, as Canvas does (skips, cascades, messages).
    sis = createSisImportState({ knobs: { pollsToFinish: 6 }, canvas: baseline });
    canvas = await startCanvasDouble({
      baseline,
      token,
      extraRoutes: sisImportRoutes(sis),
    });
    app = await launchApp({ handlerOptions: { syncPoll: { intervalMs: 250, maxIntervalMs: 500 } } });
    page = app.page;
    const profile = await app.services.profiles.create({
      name: NAME,
      oneroster: {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
      canvas: { baseUrl: canvas.url, rootAccountId: canvas.rootAccountId },
    });
    profileId = profile.id;
    await app.services.vault.setSecret(profileId, 'oneroster.clientSecret', provider.clientSecret);
    await app.services.vault.setSecret(profileId, 'canvas.token', token);
    // Pull and evaluate through the same handlers the Pull and Findings screens use (their own e2e tests drive the UI).
    await call('pull:start', { profileId });
    await waitIdle('pull:active');
    // What Canvas holds today, so the preview predicts Canvas row by row (the Conversion e2e drives this screen).
    await call('baseline:fetch', { profileId });
    await waitIdle('baseline:active');
    await call('evaluate:start', { profileId });
    await waitIdle('evaluate:active');
    await page.reload();
  });
  afterAll(async () => {
    await app?.close();
    await canvas?.close();
    await provider?.close();
  });

  it('refuses while blockers are open, says why and links to Findings', async () => {
    await nav(page, 'Sync').click();
    const guard = page.getByRole('region', { name: 'Guard rails' });
    await guard.locator('li[data-code="blockers_open"]').waitFor();
    expect(await guard.getAttribute('data-allowed')).toBe('false');
    expect(await guard.textContent()).toMatch(/neither resolved nor acknowledged/);
    const go = page.getByRole('button', { name: 'Sync to Canvas…' });
    expect(await go.isDisabled()).toBe(true);
    expect(await page.locator('#sync-why-not').textContent()).toContain('guard rails');
    // Main refuses too, whatever the window does.
    const direct = await invokeChannel(app.handlers, 'sync:start', {
      profileId,
      importMode: {},
      confirmName: NAME,
    });
    expect(direct.ok).toBe(false);
    expect(!direct.ok && direct.error.code).toBe('blockers_open');
    // The checklist: every guard rail with its status; the failing blocker rules link to the filtered grid.
    const checklist = guard.getByTestId('guard-checklist');
    expect(await checklist.locator('li[data-check]').count()).toBe(11);
    expect(await checklist.locator('li[data-check="blockers"]').getAttribute('data-status')).toBe('fail');
    expect(await checklist.locator('li[data-check="baseline_age"]').getAttribute('data-status')).toBe('pass');
    // One count for every screen: the checklist's blockers are the Findings grid's blockers.
    const pre = (await call('sync:preflight', { profileId })) as {
      checks: Array<{ id: string; count: number | null }>;
    };
    const grid = (await call('findings:query', {
      profileId,
      snapshotId: (await app.services.snapshots.latestComplete(profileId))!.id,
      offset: 0,
      limit: 1,
      filters: { severity: ['blocker'] },
    })) as { total: number };
    expect(pre.checks.find((c) => c.id === 'blockers')!.count).toBe(grid.total);
    const ruleLinks = checklist.locator('li[data-check="blockers"] .guard-rules button');
    expect(await ruleLinks.count()).toBeGreaterThan(0);
    await app.screenshot('sync-01-refused');
    const firstRule = (await ruleLinks.first().locator('.mono').textContent())!;
    await ruleLinks.first().click();
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
    await app.screenshot('sync-01b-findings-filtered');
    expect(await page.locator('main').textContent()).toContain(firstRule);
    await nav(page, 'Sync').click();
    await guard.getByRole('button', { name: 'Review blockers in Findings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
  });

  it('is allowed once every blocker is acknowledged, and shows the simulation per mode', async () => {
    const page1 = (await call('findings:query', {
      profileId,
      snapshotId: (await app.services.snapshots.latestComplete(profileId))!.id,
      offset: 0,
      limit: 200,
      filters: { severity: ['blocker'] },
    })) as { rows: Array<{ ruleId: string; entityType: string; sourcedId: string }> };
    expect(page1.rows.length).toBeGreaterThan(0);
    for (const f of page1.rows) {
      await call('settings:setRules', {
        profileId,
        change: { kind: 'acknowledge', ...f, reason: 'Fixed in the SIS before the first night' },
      });
    }
    await nav(page, 'Sync').click();
    const guard = page.getByRole('region', { name: 'Guard rails' });
    await guard.and(page.locator('[data-allowed="true"]')).waitFor();
    expect(await guard.textContent()).toMatch(/acknowledged/);

    const table = page.getByRole('table', { name: 'Simulated changes' });
    await table.locator('tr[data-type="users"]').waitFor();
    expect(await page.getByTestId('sim-basis').textContent()).toMatch(/Canvas baseline/);
    const users = await Promise.all(
      ['create', 'update', 'unchanged'].map(async (f) =>
        Number(
          ((await table.locator(`tr[data-type="users"] [data-field="${f}"]`).textContent()) ?? '').replace(
            /\D/g,
            '',
          ),
        ),
      ),
    );
    expect(users.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // Before anything is sent: the rows Canvas is predicted to skip (the acknowledged blockers' rows).
    const skips = page.getByTestId('predicted-skips');
    await skips.waitFor();
    expect(Number(await skips.getAttribute('data-count'))).toBeGreaterThan(0);

    // Batch needs a term; diffing needs a data set id: the sync stays disabled until they are given.
    await page.getByRole('radio', { name: /Batch/ }).check();
    expect(await page.locator('#sync-why-not').textContent()).toContain('import mode');
    const term = page.getByLabel('Term (batch_mode_term_id)');
    const firstTerm = await term.locator('option').nth(1).getAttribute('value');
    await term.selectOption(firstTerm!);
    await page.getByLabel('Change threshold (%)').fill('10');
    const thresholds = page.getByRole('list', { name: 'Deletions against the change threshold' });
    await thresholds.locator('li[data-type="enrollments"]').filter({ hasText: 'threshold 10%' }).waitFor();
    await app.screenshot('sync-02-batch-mode');
    // The confirmation names the batch term and the threshold, and keeps focus inside itself.
    const syncButton = page.getByRole('button', { name: 'Sync to Canvas…' });
    await expect.poll(() => syncButton.isEnabled(), { timeout: 30_000 }).toBe(true);
    await syncButton.click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await confirm.getByTestId('confirm-scope').textContent()).toContain(`Batch term ${firstTerm}`);
    const thresholdText = await confirm.getByTestId('confirm-threshold').textContent();
    expect(thresholdText).toMatch(/^Change threshold 10 %/);
    // Each share reads as in the simulation list above, count beside it ("<0.1 %", never "0 %" when not zero).
    for (const type of ['courses', 'sections', 'enrollments']) {
      const item = thresholds.locator(`li[data-type="${type}"]`);
      const shown = await item.locator('strong').textContent();
      const count = await item.getByTestId(`threshold-${type}-count`).textContent();
      expect(thresholdText).toContain(`${type} ${shown} (${count})`);
      if (!count!.startsWith('0 of')) expect(shown).not.toBe('0 %');
    }
    await app.screenshot('sync-02b-batch-confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: /Standard/ }).check();
    await page.getByLabel('Change threshold (%)').fill('');
    // The simulation is recomputed for the standard mode first (slow on a loaded machine).
    await expect.poll(() => syncButton.isEnabled(), { timeout: 30_000 }).toBe(true);
  });

  it('asks for the district name, shows live progress and maps Canvas warnings to records', async () => {
    sis.knobs.pollsToFinish = 8;
    sis.knobs.extraWarnings = [['users.csv', 'Login already taken by another user', 3]];
    await page.getByRole('button', { name: 'Sync to Canvas…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const start = dialog.getByRole('button', { name: 'Start sync' });
    await dialog.getByRole('textbox').fill('Springfield');
    expect(await start.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);

    await page.getByRole('button', { name: 'Sync to Canvas…' }).click();
    // A modal dialog: Tab cycles through its own controls only; a standard import has no batch term or threshold.
    await dialog.waitFor();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    expect(await dialog.getByTestId('confirm-scope').count()).toBe(0);
    await dialog.getByRole('textbox').fill(NAME);
    await app.screenshot('sync-03-confirm');
    await page.keyboard.press('Enter');
    const phase = page.getByTestId('sync-phase');
    await phase.filter({ hasText: /Canvas is importing/ }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('progressbar', { name: 'Canvas import progress' }).isVisible()).toBe(true);
    await app.screenshot('sync-04-progress');

    const result = page.getByRole('region', { name: 'Sync result' });
    await result.and(page.locator('[data-state]')).waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-state')).toBe('imported_with_messages');
    expect(await page.getByTestId('sync-state').textContent()).toBe('Imported with messages');
    expect(Number(await result.locator('[data-count="users"] dd').textContent())).toBeGreaterThan(10);
    const warning = result.locator('tr[data-severity="warning"]').filter({ hasText: 'Login already taken' });
    await warning.waitFor();
    const link = warning.locator('button[data-entity^="user:"]');
    expect(await link.count()).toBe(1);
    expect(await page.getByTestId('sync-canvas-link').textContent()).toContain(`/accounts/1/sis_import`);
    // Closing the loop: Canvas's warning was not predicted, so it is a missed prediction, listed beside the counts.
    const pva = page.getByTestId('predicted-vs-actual');
    await pva.waitFor();
    await app.screenshot('sync-05-result');
    // The injected warning (and the warning count it raises) are the only differences from the prediction.
    expect(await page.getByTestId('missed-count').textContent()).toBe('2 missed predictions');
    expect(await page.getByTestId('missed-list').textContent()).toContain('warning_count: predicted');
    expect(await page.getByTestId('missed-list').textContent()).toContain('Login already taken');
    expect(await pva.locator('tr[data-differs="true"]').count()).toBe(1);

    // What Canvas received: the plan's files, standard mode.
    expect(sis.received).toHaveLength(1);
    expect(sis.received[0]!.params.import_type).toBe('instructure_csv');
    expect(sis.received[0]!.params.batch_mode).toBeUndefined();

    // The warning's record opens in the mapping explorer.
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Mapping' }).waitFor();
    await nav(page, 'Sync').click();
    const history = page.getByRole('table', { name: 'Sync history' });
    await history.locator('tbody tr').first().waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    expect(await history.getByTestId('history-outcome').first().textContent()).toBe('Imported with messages');
  });

  it('lists the sync in the next report', async () => {
    await nav(page, 'Report').click();
    await page.getByTestId('report-syncs').filter({ hasText: '1 sync' }).waitFor();
  });

  it('aborts a running sync: Canvas aborts the import and the history says so', async () => {
    sis.knobs.pollsToFinish = 10_000;
    sis.knobs.extraWarnings = [];
    await nav(page, 'Sync').click();
    await page.getByRole('button', { name: 'Sync to Canvas…' }).click();
    await page.getByRole('alertdialog').getByRole('textbox').fill(NAME);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Start sync' }).click();
    await page
      .getByTestId('sync-phase')
      .filter({ hasText: /Canvas is importing/ })
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Abort sync' }).click();
    const result = page.getByRole('region', { name: 'Sync result' });
    await result.and(page.locator('[data-state="aborted"]')).waitFor({ timeout: 30_000 });
    const history = page.getByRole('table', { name: 'Sync history' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.getByTestId('history-outcome').first().textContent()).toBe('Aborted');
    await app.screenshot('sync-06-aborted');
  });

  it('never sends the Canvas token to the window, and has no page errors', async () => {
    expect(app.log.traffic.some((t) => t.includes(token))).toBe(false);
    expect((await page.content()).includes(token)).toBe(false);
    expect(app.pageErrors).toEqual([]);
  });

  it('looks right in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('sync-07-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
