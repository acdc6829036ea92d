import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBaselineStore } from '../../electron/services/canvas-baseline';
import { DEMO_DISTRICT } from '../../electron/services/demo-provider';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/**
 * Journey 6 in real Chromium against the real handlers: the demo district → pull → fetch what Canvas
 * holds today from the demo Canvas double → counts, side by side, remap review with bulk accept, threshold
 * simulation in batch mode, change_sis_id.csv export, and the CNV-* findings on the Findings screen.
 */
// The demo district's defects on a smaller district (as in screens.test.ts and findings.test.ts): the journey,
// not the volume, is checked here, and the medium one's Canvas fetch alone took most of this file's time.
const DISTRICT = { ...DEMO_DISTRICT, preset: 'small' as const, users: 2_500 };

const nav = (page: Page, name: string) => page.locator('nav').getByRole('button', { name, exact: true });
const number = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/** The SIS term of an orphan course, looked up in the stored baseline (what the test knows, not the UI). */
async function orphanCourseTerm(app: E2EApp): Promise<string> {
  const [profile] = await app.services.profiles.list();
  const page = await app.handlers['conversion:objects']({
    profileId: profile!.id,
    type: 'courses',
    status: 'orphan',
    sort: [],
    offset: 0,
    limit: 10,
  });
  const orphanIds = new Set(page.rows.map((r) => r.canvasId));
  const store = openBaselineStore(app.services.snapshots);
  const baseline = store.latest(profile!.id)!;
  // The term as the import will know it: a Canvas term whose remap was accepted carries the planned id by then.
  const terms = await app.handlers['conversion:objects']({
    profileId: profile!.id,
    type: 'terms',
    sort: [],
    offset: 0,
    limit: 100,
  });
  const renamed = new Map(
    terms.rows.filter((t) => t.status === 'remap' && t.plannedId).map((t) => [t.canvasSisId, t.plannedId!]),
  );
  for (const c of store.iterate(baseline.id, 'courses')) {
    if (orphanIds.has(c.canvas_course_id) && c.term_id !== '') return renamed.get(c.term_id) ?? c.term_id;
  }
  throw new Error('no orphan course with a term in the demo baseline');
}

describe('conversion', () => {
  let app: E2EApp;
  let page: Page;
  let exportPath: string;

  beforeAll(async () => {
    app = await launchApp({
      handlerOptions: { demoDistrict: DISTRICT, saveChangeSisId: async (name) => join(app.dataDir, name) },
    });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks for a Canvas baseline once the demo district is pulled', async () => {
    await page.getByRole('button', { name: 'Open demo district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    await nav(page, 'Conversion').click();
    await page.getByRole('heading', { name: 'Pull the roster first' }).waitFor();
    await page.getByRole('button', { name: 'Go to Pull' }).click();
    await page.getByRole('button', { name: 'Pull now' }).click();
    await page.locator('[aria-label="Pull result"][data-status="complete"]').waitFor({ timeout: 90_000 });

    await nav(page, 'Conversion').click();
    await page.getByRole('heading', { name: 'Attach what Canvas holds today' }).waitFor();
    expect(await page.getByRole('button', { name: 'Fetch via provisioning report' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Import report zip…' }).isEnabled()).toBe(true);
    await app.screenshot('conversion-01-no-baseline');
  });

  // The read APIs take one request per course for sections and enrollments.
  it(
    'fetches Canvas from the demo double and shows keep / remap / create / orphan side by side',
    { timeout: 300_000 },
    async () => {
      await page.getByRole('button', { name: 'Fetch from Canvas (API)' }).click();
      const progress = page.getByRole('status', { name: 'Fetching Canvas data' });
      await progress.waitFor();
      await expect
        .poll(async () => progress.textContent(), { timeout: 60_000 })
        .toMatch(/[1-9][\d,]* rows stored/);
      await app.screenshot('conversion-02-fetching');
      await page.locator('.count-cards').waitFor({ timeout: 240_000 });
      expect(await page.getByTestId('baseline-counts').textContent()).toMatch(/\d{1,3}(,\d{3})+ logins/);
      const users = page.locator('.count-card[data-type="users"]');
      const remap = number(await users.locator('[data-class="remap"] strong').textContent());
      const create = number(await users.locator('[data-class="create"] strong').textContent());
      const keep = number(await users.locator('[data-class="keep"] strong').textContent());
      expect(remap).toBeGreaterThan(0);
      expect(create).toBeGreaterThan(0);
      expect(keep).toBeGreaterThan(1000);

      const grid = page.getByRole('grid', { name: 'Canvas today and after sync' });
      await grid.locator('.grid-data[data-row-id]').first().waitFor();
      // Remaps first: the Canvas SIS id today and the one after sync differ.
      await expect
        .poll(() => grid.locator('.grid-data[data-row-id]').first().locator('.class-badge').textContent(), {
          timeout: 15_000,
        })
        .toBe('Remap');
      expect(await grid.locator('.grid-data').count()).toBeLessThan(60);
      await app.screenshot('conversion-03-side-by-side');

      // Orphan courses: in Canvas, nothing in the roster.
      await page.locator('.count-card[data-type="courses"] [data-class="orphan"]').click();
      await page.getByRole('tab', { name: 'Courses', selected: true }).waitFor();
      await expect
        .poll(async () => grid.locator('.grid-data[data-row-id] .class-badge').allTextContents(), {
          timeout: 15_000,
        })
        .toSatisfy((badges: string[]) => badges.length > 0 && badges.every((b) => b === 'Orphan'));
      expect(await grid.getByText('Nothing in the roster').count()).toBeGreaterThan(0);
      await app.screenshot('conversion-04-orphan-courses');
    },
  );

  it('accepts remaps one by one and in bulk by confidence', async () => {
    await page.getByRole('tab', { name: /Remap review/ }).click();
    const grid = page.getByRole('grid', { name: 'Remap proposals' });
    await grid.locator('.grid-data[data-row-id]').first().waitFor();
    const pendingBefore = number(await page.getByTestId('pending-count').textContent());
    expect(pendingBefore).toBeGreaterThan(2);

    // One by one: check a row and accept it.
    await grid.locator('.grid-data[data-row-id]').first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Accept checked' }).click();
    await expect
      .poll(async () => number(await page.getByTestId('pending-count').textContent()), { timeout: 30_000 })
      .toBe(pendingBefore - 1);

    // In bulk: every high-confidence proposal.
    await page.getByLabel('Confidence').selectOption('high');
    await page.getByRole('button', { name: /^Accept all [\d,]+ matching/ }).click();
    // A bulk decision asks first, naming how many proposals it covers.
    const confirm = page.getByRole('dialog', {
      name: /^Accept [\d,]+ remap proposals? matching the filters\?$/,
    });
    await confirm.waitFor();
    await app.screenshot('conversion-05b-accept-all-confirm');
    await confirm.getByRole('button', { name: /^Accept [\d,]+$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Every match: .* accepted/ })
      .waitFor();
    await expect
      .poll(async () => number(await page.getByTestId('pending-count').textContent()), { timeout: 30_000 })
      .toBeLessThan(pendingBefore - 1);
    await page.getByLabel('Confidence').selectOption('');
    await grid.locator('[data-decision="accepted"]').first().waitFor();
    await app.screenshot('conversion-05-remap-review');
  });

  it('shows a term remap’s Canvas name and dates beside the roster’s', async () => {
    // The demo district renames terms (course and section evidence: tests/conversion/edits.test.ts).
    const grid = page.getByRole('grid', { name: 'Remap proposals' });
    await page.getByLabel('Type').selectOption('term');
    const row = grid.locator('.grid-data[data-row-id^="term:"]').first();
    await row.waitFor();
    await row.click();
    const evidence = page.getByRole('table', { name: /^Evidence for / });
    await evidence.waitFor();
    const fields = await evidence
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(fields).toEqual(['name', 'start_date', 'end_date', 'sis_id', 'after']);
    for (const field of ['name', 'start_date', 'end_date']) {
      const cells = evidence.locator(`tr[data-field="${field}"] td`);
      expect(await cells.first().textContent()).not.toBe('(none)');
      expect(await cells.last().textContent()).toMatch(/^(Same|Differs)$/);
    }
    await app.screenshot('conversion-05c-evidence-term');
    await page.getByRole('button', { name: 'Close evidence' }).click();
    await page.getByLabel('Type').selectOption('');
  });

  it('simulates batch mode for a term against change_threshold', async () => {
    await page.getByRole('tab', { name: /Threshold simulation/ }).click();
    const courses = page.getByTestId('threshold-courses');
    await courses.waitFor();
    // Standard mode deletes nothing.
    expect(await courses.textContent()).toBe('0 %');
    const table = page.getByRole('table', { name: 'Simulated changes per type and term' });
    const standardRows = await table.locator('tbody tr').allTextContents();

    await page.getByLabel('Batch (one term)').check();
    const term = page.getByRole('combobox', { name: 'Term' });
    // A term holding an orphan course (in Canvas, not in the roster): batch mode for it deletes that course.
    await term.selectOption(await orphanCourseTerm(app));
    await page.getByLabel('change_threshold (%)').fill('1');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(async () => courses.textContent(), { timeout: 30_000 }).not.toBe('0 %');
    expect(await table.locator('tbody tr').allTextContents()).not.toEqual(standardRows);
    // Over the threshold exactly when the deleted share exceeds it (Canvas's comparison).
    const share = Number((await courses.textContent())!.replace(/[^\d.]/g, ''));
    const card = page.locator('.threshold[data-type="courses"]');
    expect((await card.getAttribute('class'))!.includes('over')).toBe(share > 1);
    expect(await card.textContent()).toContain(
      share > 1 ? 'Above the 1 % threshold' : 'Within the 1 % threshold',
    );
    // Each share stays on one line ("<0.1 %" wrapped at 1280 wide).
    for (const type of ['courses', 'sections', 'enrollments']) {
      const lines = await page
        .getByTestId(`threshold-${type}`)
        .evaluate((e) => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).fontSize));
      expect(lines).toBeLessThan(2);
      // …and does not run into its count.
      const share = await page.getByTestId(`threshold-${type}`).boundingBox();
      const count = await page.getByTestId(`threshold-${type}-count`).boundingBox();
      expect(share!.x + share!.width).toBeLessThanOrEqual(count!.x);
    }
    await app.screenshot('conversion-06-simulation-batch');
  });

  it('exports change_sis_id.csv with the accepted remaps', async () => {
    await page.getByRole('button', { name: /Export change_sis_id\.csv/ }).click();
    const note = page.locator('.export-note');
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    const rows = number(text.split(' ')[0] ?? '');
    exportPath = text.slice(text.indexOf(' saved to ') + ' saved to '.length);
    const lines = (await readFile(exportPath, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('old_id,new_id,old_integration_id,new_integration_id,type');
    expect(lines).toHaveLength(rows + 1);
    expect(rows).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /,(user|course|section|term|account)$/.test(l))).toBe(true);
  });

  it('shows the CNV-* findings on the Findings screen', async () => {
    await nav(page, 'Findings').click();
    await page.getByRole('button', { name: 'Evaluate snapshot' }).click();
    await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 90_000 });
    await page.locator('.rule-bar[data-rule^="CNV-"]').first().waitFor();
    const charted = await page
      .locator('.rule-bar')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(charted.some((r) => r?.startsWith('CNV-'))).toBe(true);
    // The evaluation holds the conversion's findings rule for rule.
    const [profile] = await app.services.profiles.list();
    const { summary } = await app.handlers['findings:summary']({ profileId: profile!.id });
    const state = await app.handlers['conversion:summary']({ profileId: profile!.id });
    const byRule = new Map(summary!.summary.byRule.map((r) => [r.ruleId, r.count]));
    expect(Object.keys(state.findingsByRule).length).toBeGreaterThan(1);
    for (const [rule, count] of Object.entries(state.findingsByRule)) expect(byRule.get(rule)).toBe(count);
    // More rules than the chart's top 14: "Show all" lists every one of them.
    const rules = summary!.summary.byRule.length;
    expect(rules).toBeGreaterThan(14);
    expect(await page.locator('.rule-bar').count()).toBe(14);
    await page.getByRole('button', { name: `Show all ${rules} rules` }).click();
    expect(await page.locator('.rule-bar').count()).toBe(rules);
    await app.screenshot('conversion-07-findings');
  });

  it('keeps the Canvas token in the keychain: the district shows only that it is stored', async () => {
    await nav(page, 'Districts').click();
    await page.getByTestId('canvas-token-status').filter({ hasText: 'Stored in keychain ✓' }).waitFor();
    const [demo] = await app.services.profiles.list();
    const token = (await app.services.vault.getSecret(demo!.id, 'canvas.token'))!;
    expect(token.length).toBeGreaterThan(10);
    expect(await page.content()).not.toContain(token);
    expect(app.log.traffic.join('\n')).not.toContain(token);
    await page.getByText('Canvas (optional)').scrollIntoViewIfNeeded();
    await app.screenshot('conversion-08-district-canvas');
  });

  it('reads well in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await nav(page, 'Conversion').click();
    await page.locator('.count-cards').waitFor();
    await app.screenshot('conversion-09-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
