import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/**
 * Journey 5 (and the mapping options of journey 4) in real Chromium against the real handlers: the demo district
 * served with data defects → pull → evaluate → summary, the virtualised findings grid (filter, search, group,
 * keyboard, detail), mute a rule, change a mapping option with its live preview, save and re-evaluate.
 */
// A small district (fast to pull) with enough defects for more than 10,000 findings.
const DISTRICT = {
  users: 2500,
  schools: 3,
  enrollmentsPerStudent: 6,
  defects: [
    { kind: 'missing-username', rate: 0.02 },
    { kind: 'duplicate-username', rate: 0.02 },
    { kind: 'missing-email', rate: 0.5 },
    { kind: 'enrollment-no-dates', rate: 1 },
  ],
};

const countIn = async (page: Page, selector: string): Promise<number> =>
  Number(((await page.locator(selector).first().textContent()) ?? '').replace(/\D/g, ''));

/** Findings the grid lists under the current filters. */
const listed = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('findings-count').getAttribute('data-total'));

const gridRows = (page: Page) => page.locator('[role="grid"][aria-label="Findings"] .grid-data[data-row-id]');
const nav = (page: Page, name: string) => page.locator('nav').getByRole('button', { name, exact: true });

describe('findings and mapping options', () => {
  let app: E2EApp;
  let page: Page;

  beforeAll(async () => {
    app = await launchApp({ handlerOptions: { demoDistrict: DISTRICT } });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('pulls the demo district and evaluates it', async () => {
    await page.getByRole('button', { name: 'Open demo district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    await nav(page, 'Findings').click();
    await page.getByRole('heading', { name: 'Nothing to evaluate yet' }).waitFor();
    await page.getByRole('button', { name: 'Go to Pull' }).click();
    await page.getByRole('button', { name: 'Pull now' }).click();
    await page.locator('[aria-label="Pull result"][data-status="complete"]').waitFor({ timeout: 60_000 });

    await nav(page, 'Findings').click();
    await page.getByRole('button', { name: 'Evaluate snapshot' }).click();
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await verdict.waitFor({ timeout: 60_000 });
    // Missing and colliding usernames are blockers.
    expect(await verdict.getAttribute('data-verdict')).toBe('not_ready');
    expect(await countIn(page, '[data-severity="blocker"] strong')).toBeGreaterThan(0);
    expect(await countIn(page, '[data-severity="warning"] strong')).toBeGreaterThan(9_000);
    // Per-rule chart, plan counts and top problems with their remedies.
    await page.locator('.rule-bar[data-rule="USER-NO-USERNAME"]').waitFor();
    expect(await page.locator('.plan-tile[data-type="users"] dd').textContent()).toMatch(
      /^\d{1,3}(,\d{3})+$/,
    );
    const top = page.locator('.top-problems li').first();
    expect(await top.getAttribute('data-rule')).toMatch(/^USER-(NO|DUP)-USERNAME$/);
    expect((await top.locator('.finding-remedy').textContent())?.length).toBeGreaterThan(20);
    await app.screenshot('40-findings-summary');
  });

  it('shows thousands of findings with only the visible rows in the DOM', async () => {
    await page.getByRole('tab', { name: /All findings/ }).click();
    await gridRows(page).first().waitFor();
    const total = await listed(page);
    expect(total).toBeGreaterThan(10_000);
    expect(await gridRows(page).count()).toBeLessThan(60);
    await app.screenshot('41-findings-grid');
    // Jump far down: rows there are fetched from main and the DOM stays small.
    // The grid element itself is the scrolled region (its header sticks).
    await page.getByRole('grid', { name: 'Findings' }).evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect
      .poll(async () => (await gridRows(page).first().getAttribute('aria-rowindex')) ?? '0')
      .not.toBe('2');
    await expect.poll(() => page.locator('.grid-data[aria-busy="true"]').count()).toBe(0);
    expect(await gridRows(page).count()).toBeLessThan(60);
    expect(Number(await gridRows(page).first().getAttribute('aria-rowindex'))).toBeGreaterThan(total / 3);
  });

  it('filters by severity and searches text', async () => {
    await page.getByRole('grid', { name: 'Findings' }).evaluate((el) => (el.scrollTop = 0));
    await page.getByRole('button', { name: /^Blockers/ }).click();
    await expect.poll(() => listed(page)).toBeLessThan(1000);
    await gridRows(page).first().waitFor();
    const badges = await page.locator('.grid-data .cell-severity .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Blocker']));
    await app.screenshot('42-findings-filtered');

    const firstId = (await gridRows(page).first().getAttribute('data-row-id'))!.split('|')[2]!;
    await page.getByRole('searchbox', { name: 'Search findings' }).fill(firstId);
    await expect.poll(() => listed(page)).toBeLessThan(5);
    expect(await gridRows(page).first().getAttribute('data-row-id')).toContain(firstId);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => listed(page)).toBeGreaterThan(10_000);
  });

  it('groups by rule with collapsible headers', async () => {
    await page.getByLabel('Group by rule').check();
    const groups = page.locator('.grid-group[data-group]');
    await groups.first().waitFor();
    expect(await groups.first().getAttribute('data-group')).toMatch(/^USER-(NO|DUP)-USERNAME$/);
    await groups.first().click();
    await expect.poll(() => groups.first().getAttribute('aria-expanded')).toBe('false');
    // The next line is the second group's header, not a row of the collapsed one.
    expect(await page.locator('.grid-canvas > .grid-row').nth(1).getAttribute('data-group')).not.toBeNull();
    await app.screenshot('43-findings-grouped');
    await groups.first().click();
    await page.getByLabel('Group by rule').uncheck();
  });

  it('opens a row with the keyboard and shows its detail and remedy', async () => {
    await gridRows(page).first().waitFor();
    await page.getByRole('grid', { name: 'Findings' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Finding detail' });
    await panel.waitFor();
    expect((await panel.locator('.detail-remedy p').textContent())?.length).toBeGreaterThan(10);
    await panel.getByRole('heading', { name: 'OneRoster record' }).waitFor();
    await app.screenshot('44-finding-detail');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('says which USER-NO-USERNAME findings are rows Canvas rejects and which are parents not sent', async () => {
    const ruleMenu = page
      .getByRole('toolbar', { name: 'Filter findings' })
      .getByRole('button', { name: 'Rule' });
    await ruleMenu.click();
    const total = await countIn(page, '.facet-option[data-value="USER-NO-USERNAME"] .facet-count');
    await page.locator('.facet-option[data-value="USER-NO-USERNAME"] input').check();
    await page.keyboard.press('Escape');
    await expect.poll(() => listed(page)).toBe(total);
    await gridRows(page).first().click();
    const panel = page.getByRole('complementary', { name: 'Finding detail' });
    const split = panel.locator('dt:text-is("Rule count") + dd');
    await split.waitFor();
    const m = /^([\d,]+) users\.csv rows? Canvas would reject \+ ([\d,]+) parents? not sent$/.exec(
      (await split.textContent())!,
    );
    expect(m).not.toBeNull();
    const rejected = Number(m![1]!.replace(/,/g, ''));
    const notSent = Number(m![2]!.replace(/,/g, ''));
    expect(rejected + notSent).toBe(total);
    expect(notSent).toBeGreaterThan(0);
    expect(await panel.locator('dt:text-is("In the import") + dd').textContent()).toMatch(
      /^(users\.csv row Canvas would reject|not sent \(observers are off\))$/,
    );
    await app.screenshot('44b-finding-detail-no-username');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('mutes a rule: its findings disappear and are counted as muted', async () => {
    const before = await listed(page);
    const ruleMenu = page
      .getByRole('toolbar', { name: 'Filter findings' })
      .getByRole('button', { name: 'Rule' });
    await ruleMenu.click();
    const option = page.locator('.facet-option[data-value="ENR-NO-DATES"]');
    const ruleCount = await countIn(page, '.facet-option[data-value="ENR-NO-DATES"] .facet-count');
    expect(ruleCount).toBeGreaterThan(8_000);
    await option.locator('input').check();
    await page.keyboard.press('Escape');
    await gridRows(page).first().click();
    const panel = page.getByRole('complementary', { name: 'Finding detail' });
    await panel.getByRole('button', { name: 'Mute this rule' }).click();
    await page.getByTestId('muted-summary').waitFor();
    expect(await page.getByTestId('muted-summary').textContent()).toMatch(
      /1 rule muted \([\d,]+ findings hidden\)/,
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => listed(page)).toBe(before - ruleCount);
    await ruleMenu.click();
    await page.locator('.facet-option').first().waitFor();
    expect(await page.locator('.facet-option[data-value="ENR-NO-DATES"]').count()).toBe(0);
    await ruleMenu.click();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('[data-muted-rule="ENR-NO-DATES"]').waitFor();
  });

  it('previews a mapping option change, saves it and the summary follows', async () => {
    const coursesBefore = await countIn(page, '.plan-tile[data-type="courses"] dd');
    await nav(page, 'Mapping options').click();
    const preview = page.getByTestId('mapping-preview');
    await preview.waitFor();
    await page.getByLabel('One course per course, term and school').check();
    const proposed = () =>
      countIn(page, '[data-testid="mapping-preview"] tr[data-type="courses"] [data-col="proposed"]');
    await expect.poll(proposed, { timeout: 30_000 }).toBeLessThan(coursesBefore);
    expect(await countIn(page, 'tr[data-type="courses"] [data-col="current"]')).toBe(coursesBefore);
    expect(await page.locator('tr[data-type="courses"]').getAttribute('class')).toContain('changed');
    await app.screenshot('45-mapping-options');
    const newCourses = await proposed();

    await page.getByRole('button', { name: 'Save and re-evaluate' }).first().click();
    await page.getByRole('button', { name: 'See findings' }).click();
    await expect
      .poll(() => countIn(page, '.plan-tile[data-type="courses"] dd'), { timeout: 60_000 })
      .toBe(newCourses);
    // The mute survived the re-evaluation.
    expect(await page.getByTestId('muted-summary').textContent()).toContain('1 rule muted');
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
