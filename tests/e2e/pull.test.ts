import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SNAPSHOT_COLLECTIONS, type CollectionCounts } from '../../shared/snapshots/collections';
import { generateDistrict, startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';
import { districtCounts, EditableDistrict } from '../pull/harness';

/**
 * Journeys 3 + 9 in real Chromium against the real handlers: pull a district served by the bundled provider
 * (progress, cancel, resume, delta), import the public Ed-Fi sample through the (injected) open dialog,
 * compare snapshots down to the changed fields, delete with confirmation.
 */
const SAMPLE = '/work/shared/data/oneroster-samples/edfi-grand-bend-1.1';
const SAMPLE_COUNTS: CollectionCounts = {
  orgs: 2,
  academicSessions: 3,
  courses: 2,
  classes: 2,
  users: 10,
  enrollments: 24,
  demographics: 0,
};
const en = new Intl.NumberFormat('en-US');

const recordsIn = async (page: Page, collection: string): Promise<number> =>
  Number(
    ((await page.locator(`tr[data-collection="${collection}"] [data-field="records"]`).textContent()) ?? '')
      .split('/')[0]!
      .replace(/\D/g, ''),
  );

async function rowCounts(page: Page, snapshotId: string): Promise<CollectionCounts> {
  const row = page.locator(`tr[data-snapshot="${snapshotId}"]`);
  const out = {} as CollectionCounts;
  for (const c of SNAPSHOT_COLLECTIONS)
    out[c] = Number(((await row.locator(`td[data-count="${c}"]`).textContent()) ?? '').replace(/\D/g, ''));
  return out;
}

const snapshotRows = (page: Page, filter: string) => page.locator(`table.snapshot-table tbody tr${filter}`);

describe('pull, snapshots and compare', () => {
  let app: E2EApp;
  let provider: RunningProvider;
  let editable: EditableDistrict;
  let expected: CollectionCounts;

  beforeAll(async () => {
    editable = new EditableDistrict(generateDistrict({ preset: 'small' }));
    provider = await startProvider({ district: editable.district });
    expected = districtCounts(editable.district);
    app = await launchApp({ handlerOptions: { openCsvBundle: async () => SAMPLE } });
    const profile = await app.services.profiles.create({
      name: 'Springfield USD',
      oneroster: {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
        pageSize: 100,
      },
    });
    await app.services.vault.setSecret(profile.id, 'oneroster.clientSecret', provider.clientSecret);
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('starts empty: Delta pull is disabled and says why', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await page.getByRole('heading', { name: 'Springfield USD' }).waitFor();
    await page.getByText('No snapshots yet.').waitFor();
    const delta = page.getByRole('button', { name: 'Delta pull' });
    expect(await delta.isDisabled()).toBe(true);
    expect(await page.locator('#delta-why-not').textContent()).toContain('after the first complete pull');
  });

  it('pulls the district: progress rows advance, the snapshot is complete with the provider counts', async () => {
    const { page } = app;
    provider.setFaults({ latencyMs: 120 });
    await page.getByRole('button', { name: 'Pull now' }).click();
    await page
      .getByTestId('phase-line')
      .filter({ hasText: /^Pulling/ })
      .waitFor();
    const first = await recordsIn(page, 'enrollments');
    await page.waitForFunction(
      (before) => {
        const cell = document.querySelector('tr[data-collection="enrollments"] [data-field="records"]');
        return Number((cell?.textContent ?? '').split('/')[0]!.replace(/\D/g, '')) > before;
      },
      first,
      { timeout: 20_000 },
    );
    expect(await page.locator('tr[data-collection][data-state="running"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Cancel pull' }).isVisible()).toBe(true);
    // The running snapshot is already listed.
    await snapshotRows(page, '[data-status="running"]').waitFor();
    await app.screenshot('10-pull-running');

    const banner = page.locator('[aria-label="Pull result"][data-status="complete"]');
    await banner.waitFor({ timeout: 30_000 });
    provider.setFaults({});
    for (const c of SNAPSHOT_COLLECTIONS) {
      const row = page.locator(`tr[data-collection="${c}"]`);
      expect(await row.getAttribute('data-state'), c).toMatch(/done|skipped/);
    }
    const total = Object.values(expected).reduce((n, x) => n + x, 0);
    expect(await banner.textContent()).toContain(`${en.format(total)} records`);

    const rows = snapshotRows(page, '[data-status="complete"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const id = (await rows.first().getAttribute('data-snapshot'))!;
    expect(await rowCounts(page, id)).toEqual(expected);
    expect(await rows.first().locator(`td[data-count="enrollments"]`).textContent()).toBe(
      en.format(expected.enrollments),
    );
    expect(await page.getByRole('button', { name: 'Delta pull' }).isEnabled()).toBe(true);
    await app.screenshot('11-pull-done');
  });

  it('cancels a slow pull, lists it as cancelled with Resume, and resumes it to complete', async () => {
    const { page } = app;
    provider.setFaults({ latencyMs: 400 });
    await page.getByRole('button', { name: 'Pull now' }).click();
    await page.waitForFunction(() => {
      const line = document.querySelector('[data-testid="phase-line"]')?.textContent ?? '';
      return /^Pulling · [1-9]/.test(line);
    });
    await page.getByRole('button', { name: 'Cancel pull' }).click();
    const cancelled = page.locator('[aria-label="Pull result"][data-status="cancelled"]');
    await cancelled.waitFor({ timeout: 20_000 });
    expect(await cancelled.textContent()).toContain('previous complete snapshot');
    const row = snapshotRows(page, '[data-status="cancelled"]');
    await row.waitFor();
    expect(await row.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);

    provider.setFaults({});
    await row.getByRole('button', { name: 'Resume' }).click();
    await page.locator('[aria-label="Pull result"][data-status="complete"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => document.querySelectorAll('table.snapshot-table tr[data-status="complete"]').length === 2,
    );
    const newest = (await snapshotRows(page, '[data-status="complete"]')
      .first()
      .getAttribute('data-snapshot'))!;
    expect(await rowCounts(page, newest)).toEqual(expected);
  });

  it('a delta pull after the district changed stores the change', async () => {
    const { page } = app;
    const now = new Date().toISOString();
    editable.edit('users', 7, (r) => ({ ...r, givenName: 'Marge-Renamed', dateLastModified: now }));
    await page.getByRole('button', { name: 'Delta pull' }).click();
    const banner = page.locator('[aria-label="Pull result"][data-status="complete"]');
    await banner.filter({ hasText: /changed records? since/ }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => document.querySelectorAll('table.snapshot-table tr[data-status="complete"]').length === 3,
    );
    expect(
      await snapshotRows(page, '[data-status="complete"]')
        .first()
        .locator('.pill', { hasText: 'Delta' })
        .count(),
    ).toBe(1);
  });

  it('imports the public Ed-Fi CSV sample through the open dialog', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Folder…' }).click();
    const result = page.locator('[aria-label="Import result"][data-status="complete"]');
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toContain('43 records');
    expect(await result.textContent()).toContain('manifest.csv');
    const row = snapshotRows(page, '[data-source="csv"][data-status="complete"]');
    await row.waitFor();
    expect(await rowCounts(page, (await row.getAttribute('data-snapshot'))!)).toEqual(SAMPLE_COUNTS);
    await page.evaluate(() => document.querySelector('#snapshots-title')?.scrollIntoView({ block: 'start' }));
    // Only the content pane scrolls, never the window (the sidebar and top bar stay put), and the table fits 1280 px.
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);
    const fit = await page
      .locator('table.snapshot-table')
      .evaluate((t) => ({ table: t.scrollWidth, wrap: t.parentElement!.clientWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.wrap);
    await app.screenshot('12-snapshots-list');
  });

  it('compares the delta pull with the one before: the renamed user, old → new', async () => {
    const { page } = app;
    const delta = snapshotRows(page, '[data-source="api"][data-status="complete"]').first();
    await delta.getByRole('button', { name: 'Compare with…' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
    const users = page.locator('table.diff-table tr[data-collection="users"]');
    await users.waitFor();
    expect(await users.locator('[data-kind="changed"]').textContent()).toBe('~1');
    expect(await users.locator('[data-kind="unchanged"]').textContent()).toBe(en.format(expected.users - 1));
    expect(await page.getByTestId('diff-total').textContent()).toBe('1 change');

    await users.getByRole('button', { name: 'Show users changes' }).click();
    const item = page.locator(`li.change[data-sourced-id="${editable.base.tables.users.id(7)}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-change')).toBe('changed');
    const field = item.locator('tr[data-field="givenName"]');
    expect(await field.locator('.field-after').textContent()).toBe('Marge-Renamed');
    expect(await field.locator('.field-before').textContent()).not.toBe('Marge-Renamed');
    expect(await page.getByTestId('pager-range').textContent()).toBe('1–1 of 1');
    await app.screenshot('13-diff');
  });

  it('the two full API pulls hold the same records: zero changes', async () => {
    const { page } = app;
    const options = page.locator('#compare-before option');
    const labels = await options.allTextContents();
    // Newest first: [CSV, delta, resumed, first]. Compare first → resumed.
    const values = await options.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(labels).toHaveLength(4);
    await page.locator('#compare-before').selectOption(values[3]!);
    await page.locator('#compare-after').selectOption(values[2]!);
    await page.getByText('No changes: both snapshots hold the same records.').waitFor();
    expect(await page.getByTestId('diff-total').textContent()).toBe('No changes');

    // CSV vs API: nothing in common, every record added or removed; the drill-down pages through them.
    await page.locator('#compare-after').selectOption(values[0]!);
    const users = page.locator('table.diff-table tr[data-collection="users"]');
    await users.locator('[data-kind="added"]', { hasText: '+10' }).waitFor();
    expect(await users.locator('[data-kind="removed"]').textContent()).toBe(`−${en.format(expected.users)}`);
    await users.getByRole('button', { name: 'Show users changes' }).click();
    await page.getByRole('button', { name: /^Added/ }).click();
    await page.getByTestId('pager-range').filter({ hasText: '1–10 of 10' }).waitFor();
    expect(await page.locator('li.change[data-change="added"]').count()).toBe(10);
    await page.getByRole('button', { name: /^Removed/ }).click();
    await page
      .getByTestId('pager-range')
      .filter({ hasText: `1–25 of ${en.format(expected.users)}` })
      .waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByTestId('pager-range')
      .filter({ hasText: `26–50 of ${en.format(expected.users)}` })
      .waitFor();
  });

  it('a failed pull says what failed, keeps the previous snapshot, and resumes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    provider.setFaults({ forbidden: ['/users'] });
    await page.getByRole('button', { name: 'Pull now' }).click();
    const failed = page.locator('[aria-label="Pull result"][data-status="failed"]');
    await failed.waitFor({ timeout: 30_000 });
    const text = (await failed.textContent()) ?? '';
    expect(text).toContain('The pull failed');
    expect(text).toMatch(/users/);
    expect(text).toContain('previous complete snapshot');
    // The details open by themselves and show which collection stopped the pull.
    expect(await page.locator('tr[data-collection="users"]').getAttribute('data-state')).toBe('failed');
    await snapshotRows(page, '[data-status="failed"]').waitFor();
    expect(await snapshotRows(page, '[data-source="api"][data-status="complete"]').count()).toBe(3);
    await app.screenshot('16-pull-failed');

    provider.setFaults({});
    await failed.getByRole('button', { name: 'Resume' }).click();
    await page.locator('[aria-label="Pull result"][data-status="complete"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('table.snapshot-table tr[data-source="api"][data-status="complete"]')
          .length === 4,
    );
  });

  it('deletes a snapshot only after confirming (Esc cancels)', async () => {
    const { page } = app;
    const row = snapshotRows(page, '[data-status="cancelled"]');
    await row.waitFor();
    const id = (await row.getAttribute('data-snapshot'))!;
    await row.getByRole('button', { name: /^Delete snapshot/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this snapshot?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete snapshot');
    await app.screenshot('15-delete-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(app.services.snapshots.get(id)).not.toBeNull();

    await row.getByRole('button', { name: /^Delete snapshot/ }).click();
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-snapshot="${id}"]`).waitFor({ state: 'detached' });
    expect(app.services.snapshots.get(id)).toBeNull();
  });

  it('never sends the secret to the window, and has no page errors', () => {
    expect(app.log.traffic.join('\n')).not.toContain(provider.clientSecret);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('demo district, dark theme', () => {
  it('pulls the demo district with live progress and cancels it', async () => {
    const app = await launchApp({ colorScheme: 'dark' });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Open demo district' }).click();
      await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
      await page.getByRole('button', { name: 'Pull', exact: true }).click();
      await page.getByRole('button', { name: 'Pull now' }).click();
      // The medium demo district keeps this one process busy (pull, provider, browser driver): cancel as soon as
      // records arrive; a screenshot of the running pull here would take seconds.
      await page.waitForFunction(() =>
        /^Pulling · [1-9]/.test(document.querySelector('[data-testid="phase-line"]')?.textContent ?? ''),
      );
      expect(await page.locator('tr[data-collection][data-state="running"]').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Cancel pull' }).click();
      await page.locator('[aria-label="Pull result"][data-status="cancelled"]').waitFor({ timeout: 20_000 });
      await snapshotRows(page, '[data-status="cancelled"]').getByRole('button', { name: 'Resume' }).waitFor();
      await page.locator('details.pull-details > summary').click();
      expect(await page.locator('tr[data-collection][data-state="stopped"]').count()).toBeGreaterThan(0);
      await app.screenshot('14-pull-cancelled-dark');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
