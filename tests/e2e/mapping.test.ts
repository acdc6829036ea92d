import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

/**
 * Journey 4 in real Chromium against the real handlers: the demo district (medium: ten schools, ~7,000 tree
 * nodes), evaluated from the Findings screen, explored in Mapping. The snapshot is written through the same
 * store writer a pull uses (the HTTP pull of a medium district is covered by pull.test.ts and takes a minute).
 */
const en = new Intl.NumberFormat('en-US');
const items = (page: Page) => page.locator('[role="tree"] [role="treeitem"]');
const item = (page: Page, id: string) => page.locator(`[role="treeitem"][data-node-id="${id}"]`);
const detail = (page: Page) => page.locator('article.mdetail');

/** The element's text fits its box (no ellipsis): the laid-out text is no wider than the box, to the subpixel. */
const wholeText = (e: Element): boolean => {
  const range = document.createRange();
  range.selectNodeContents(e);
  return range.getBoundingClientRect().width <= e.getBoundingClientRect().width + 0.5;
};

describe('mapping explorer and terms view', () => {
  let app: E2EApp;
  let snapshotId: string;
  const sql = <T>(query: string): T => app.services.snapshots.db.prepare(query).get(snapshotId) as T;

  beforeAll(async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Open demo district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    const [demo] = await app.services.profiles.list();
    // The medium demo district with two defects, so blockers sit on users (every section they are in) and a class.
    snapshotId = writeDistrictSnapshot(
      app.services.snapshots,
      { preset: 'medium', defects: [{ kind: 'missing-username' }, { kind: 'class-without-teacher' }] },
      { profileId: demo!.id },
    ).snapshotId;

    await page.getByRole('button', { name: 'Findings', exact: true }).click();
    await page.getByRole('button', { name: 'Evaluate snapshot' }).click();
    await page.getByRole('tab', { name: /Overview/ }).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the district with its counts and problem badges; one level down are the schools', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mapping', exact: true }).click();
    const district = items(page).first();
    await district.waitFor();
    expect(await district.getAttribute('aria-level')).toBe('1');
    expect(await district.getAttribute('aria-expanded')).toBe('false');

    // Counts agree with the snapshot itself (every demo class becomes a Canvas course).
    const { classes } = sql<{ classes: number }>(
      'SELECT COUNT(*) AS classes FROM classes WHERE snapshot_id = ?',
    );
    const { students } = sql<{ students: number }>(
      `SELECT COUNT(DISTINCT user_id) AS students FROM enrollments WHERE snapshot_id = ? AND role = 'student' AND status = 'active'`,
    );
    const text = (await district.textContent()) ?? '';
    expect(text).toContain(`${en.format(classes)} courses`);
    expect(text).toContain(`${en.format(students)} students`);
    expect(await district.locator('.count-badge.blocker').textContent()).toMatch(/^[\d,]+$/);
    // The district name is read whole at 1280 wide: the counts give way first (their full text in the title).
    const name = district.locator('.mtree-name');
    expect(await name.evaluate(wholeText)).toBe(true);
    expect(await district.locator('.mtree-counts').getAttribute('title')).toContain('courses');

    await page.getByRole('tree').focus();
    await page.keyboard.press('ArrowRight');
    const { schools } = sql<{ schools: number }>(
      `SELECT COUNT(*) AS schools FROM orgs WHERE snapshot_id = ? AND type = 'school'`,
    );
    await expect.poll(() => page.locator('[role="treeitem"][aria-level="2"]').count()).toBe(schools);
    expect(await district.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('[role="treeitem"][aria-level="2"]').first().textContent()).toMatch(
      /[\d,]+ courses · [\d,]+ teachers · [\d,]+ students/,
    );
    expect(await name.evaluate(wholeText)).toBe(true);
    await app.screenshot('30-mapping-collapsed');
  });

  it('expands district → school → term → course → section with the keyboard and details the section', async () => {
    const { page } = app;
    for (const level of [2, 3, 4, 5]) {
      await page.keyboard.press('ArrowDown');
      if (level < 5) {
        await page.keyboard.press('ArrowRight');
        await page
          .locator(`[role="treeitem"][aria-level="${level + 1}"][data-node-id]`)
          .first()
          .waitFor();
      }
    }
    await page.keyboard.press('Enter');
    const section = page.locator('[role="treeitem"][aria-level="5"][aria-selected="true"]');
    await section.waitFor();
    expect(await section.getAttribute('data-kind')).toBe('section');
    const sectionId = (await section.getAttribute('data-node-id'))!;
    const classId = decodeURIComponent(sectionId.slice('section:'.length));
    expect(await section.textContent()).toMatch(/\d+ teachers? · \d+ students?/);

    const panel = detail(page);
    await panel.waitFor();
    expect(await panel.getAttribute('data-node-id')).toBe(sectionId);
    // The OneRoster class, the planned sections.csv and enrollments.csv rows, and the findings with remedies.
    const record = panel.locator(`.mrecord[data-entity="class"][data-sourced-id="${classId}"]`);
    await record.waitFor();
    const title = sql<{ title: string }>(
      `SELECT title FROM classes WHERE snapshot_id = ? AND sourced_id = '${classId}'`,
    ).title;
    expect(await record.textContent()).toContain(title);
    await record.getByText('Raw JSON').click();
    expect(await record.locator('pre').textContent()).toContain(`"sourcedId": "${classId}"`);
    expect(await panel.locator('.mcanvas[data-file="sections"] dd').first().textContent()).toBe(classId);
    const enrollments = sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM enrollments WHERE snapshot_id = ? AND class_id = '${classId}' AND role IN ('student', 'teacher')`,
    ).n;
    expect(await panel.locator('.mcanvas[data-file="enrollments"] .mcanvas-head').textContent()).toContain(
      `${enrollments} rows`,
    );
    expect(await panel.locator('#md-findings').textContent()).toMatch(/Findings\s*\d+/);
  });

  it('keeps only the visible rows in the DOM while the tree holds thousands of nodes', async () => {
    const { page } = app;
    const size = Number(((await page.getByTestId('tree-size').textContent()) ?? '').replace(/\D/g, ''));
    expect(size).toBeGreaterThan(5_000);
    const courses = page.locator('[role="treeitem"][aria-level="4"]');
    const siblings = Number(await courses.first().getAttribute('aria-setsize'));
    expect(siblings).toBeGreaterThan(100);
    expect(await items(page).count()).toBeLessThan(60);
    // End scrolls to the last line (the last school): the last course of the expanded term renders just above
    // it, the first lines are gone, and the DOM stays small.
    await page.getByRole('tree').focus();
    await page.keyboard.press('End');
    const schools = Number(
      await page.locator('[role="treeitem"][aria-level="2"]').first().getAttribute('aria-setsize'),
    );
    await page.locator(`[role="treeitem"][aria-level="2"][aria-posinset="${schools}"]`).waitFor();
    await page.locator(`[role="treeitem"][aria-level="4"][aria-posinset="${siblings}"]`).waitFor();
    expect(await page.locator('[role="treeitem"][aria-level="1"]').count()).toBe(0);
    expect(await items(page).count()).toBeLessThan(60);
  });

  it('finds a section of another school by sourcedId (Ctrl+F) and reveals it', async () => {
    const { page } = app;
    const { id } = sql<{ id: string }>(
      'SELECT sourced_id AS id FROM classes WHERE snapshot_id = ? ORDER BY sourced_id DESC LIMIT 1',
    );
    await page.keyboard.press('Control+f');
    const box = page.getByRole('combobox', { name: /Search the mapping/ });
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(id);
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await options.first().waitFor();
    // The class is both a course and its section: the course (shallower) first.
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    expect(await options.nth(1).textContent()).toContain(id);
    await app.screenshot('32-mapping-search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const target = item(page, `section:${encodeURIComponent(id)}`);
    await target.and(page.locator('[aria-selected="true"]')).waitFor();
    expect(await target.getAttribute('aria-level')).toBe('5');
    expect(await detail(page).getAttribute('data-node-id')).toBe(`section:${encodeURIComponent(id)}`);
    // The revealed node has keyboard focus: ← goes to its course.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await item(page, `course:${encodeURIComponent(id)}`)
      .and(page.locator('[aria-selected="true"]'))
      .waitFor();
  });

  it('"Only nodes with problems" keeps just the nodes with a blocker or warning, down to a section', async () => {
    const { page } = app;
    await page.getByLabel('Only nodes with problems').check();
    await items(page).first().waitFor();
    await expect.poll(() => page.locator('[role="treeitem"][data-node-id]').count()).toBeGreaterThan(3);
    // Down the first branch with problems: school → term → course → section.
    for (const level of [2, 3, 4]) {
      const row = page.locator(`[role="treeitem"][aria-level="${level}"][data-node-id]`).first();
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.mtree-twisty').click();
      await page
        .locator(`[role="treeitem"][aria-level="${level + 1}"][data-node-id]`)
        .first()
        .waitFor();
    }
    const rows = page.locator('[role="treeitem"][data-node-id]');
    for (let i = 0; i < (await rows.count()); i++) {
      expect(await rows.nth(i).locator('.count-badge').count()).toBeGreaterThan(0);
    }
    await page.locator('[role="treeitem"][aria-level="5"][data-node-id]').first().click();
    await detail(page).locator('.mdetail-findings li[data-rule] .finding-remedy').first().waitFor();
    await app.screenshot('31-mapping-expanded-detail');
    await page.getByLabel('Only nodes with problems').uncheck();
  });

  it('opens a finding from the Findings grid on its node', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Findings', exact: true }).click();
    await page.getByRole('tab', { name: /All findings/ }).click();
    const row = page.locator('[role="grid"][aria-label="Findings"] .grid-data[data-row-id]').first();
    await row.waitFor();
    const [ruleId, entityType, sourcedId] = (await row.getAttribute('data-row-id'))!.split('|');
    await row.click();
    await page.getByRole('button', { name: 'Show in mapping' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mapping' }).waitFor();
    const selected = page.locator('[role="treeitem"][aria-selected="true"]');
    await selected.waitFor();
    // A class finding lands on the class's section; a user's on a section the user is enrolled in (or, for staff
    // enrolled nowhere, on their school).
    const nodeId = (await selected.getAttribute('data-node-id'))!;
    const [kind, key] = [
      nodeId.slice(0, nodeId.indexOf(':')),
      decodeURIComponent(nodeId.slice(nodeId.indexOf(':') + 1)),
    ];
    const count = (query: string, ...args: string[]) =>
      (app.services.snapshots.db.prepare(query).get(snapshotId, ...args) as { n: number }).n;
    if (entityType === 'class') expect(nodeId).toBe(`section:${encodeURIComponent(sourcedId!)}`);
    else if (kind === 'section') {
      expect(entityType).toBe('user');
      expect(
        count(
          'SELECT COUNT(*) AS n FROM enrollments WHERE snapshot_id = ? AND user_id = ? AND class_id = ?',
          sourcedId!,
          key,
        ),
      ).toBe(1);
    } else {
      expect([entityType, kind]).toEqual(['user', 'account']);
      expect(
        count(
          'SELECT COUNT(*) AS n FROM user_orgs WHERE snapshot_id = ? AND user_id = ? AND org_id = ?',
          sourcedId!,
          key,
        ),
      ).toBe(1);
    }
    const finding = detail(page).locator(`.mdetail-findings li[data-rule="${ruleId}"]`).first();
    await finding.waitFor();
    expect((await finding.locator('.finding-remedy').textContent())!.length).toBeGreaterThan(10);
    expect(await selected.locator('.count-badge').count()).toBeGreaterThan(0);
    await app.screenshot('36-mapping-open-finding');
  });

  it('Terms view: per-school sessions on a timeline and the Canvas terms they merge into', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Terms' }).click();
    const grid = page.locator('[role="grid"][aria-label="Canvas terms"]');
    await grid.waitFor();
    const { schools } = sql<{ schools: number }>(
      `SELECT COUNT(*) AS schools FROM orgs WHERE snapshot_id = ? AND type = 'school'`,
    );
    // One band per school plus the Canvas terms band, each session a bar.
    expect(await page.locator('svg .tl-band').count()).toBe(schools + 1);
    const rows = grid.locator('.grid-data[data-row-id]');
    await rows.first().waitFor();
    const terms = await rows.count();
    expect(terms).toBeGreaterThan(0);
    expect(await page.locator('svg .tl-canvas .tl-bar').count()).toBe(terms);
    // Per-school copies of a session merge: some Canvas term is made of several sessions.
    const merged = grid.locator('.grid-data', { hasText: /\d+ sessions · by/ });
    expect(await merged.count()).toBeGreaterThan(0);
    const termId = (await merged.first().getAttribute('data-row-id'))!;
    // Its sessions are drawn in its colour under several schools.
    expect(
      await page.locator(`svg .tl-band:not(.tl-canvas) .tl-bar[data-term="${termId}"]`).count(),
    ).toBeGreaterThan(1);
    expect(await page.locator('.terms-summary').textContent()).toMatch(
      /school sessions across [\d,]+ schools become [\d,]+ Canvas terms?/,
    );
    // The Problems column says what it adds up to against the Findings total.
    expect(await page.getByTestId('terms-problems-note').textContent()).toMatch(
      /Blockers: [\d,]+ in Findings, [\d,]+ in the column/,
    );
    await app.screenshot('33-terms-view');
  });

  it('reads well in the dark theme', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Explorer' }).click();
    await items(page).first().waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.mtree')!).backgroundColor);
    expect(bg).toBe('rgb(28, 31, 38)');
    await page.getByRole('tree').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await detail(page).waitFor();
    await app.screenshot('34-mapping-dark');
    await page.getByRole('tab', { name: 'Terms' }).click();
    await page.locator('svg .tl-band').first().waitFor();
    await app.screenshot('35-terms-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
