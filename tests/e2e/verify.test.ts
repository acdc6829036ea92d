import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/** Journey 1 + 2: demo district, Verify against the bundled provider, then a wrong secret. */
describe('verify the demo district', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('"Open demo district" creates the profile, stores its secret and opens Verify', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open demo district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    await page.getByRole('heading', { name: 'Demo district' }).waitFor();
    const [demo] = await app.services.profiles.list();
    expect(demo).toMatchObject({ name: 'Demo district', demo: true });
    expect(await app.services.vault.status(demo!.id)).toMatchObject({ 'oneroster.clientSecret': true });
    await page.getByRole('heading', { name: 'Not verified yet' }).waitFor();
  });

  it('runs verification, streams the checklist, and passes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Run verification' }).click();
    const verdict = page.getByRole('region', { name: 'Connection result' });
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-verdict')).not.toBe('not_ready');

    const rows = page.locator('table.checklist tbody tr[data-check]');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await page.locator('tr[data-status="fail"]').count()).toBe(0);
    // Endpoint rows carry HTTP status, latency and X-Total-Count.
    const orgs = page.locator('tr[data-check="endpoint:/orgs"]');
    if ((await orgs.count()) > 0) expect(await orgs.textContent()).toMatch(/200.*ms/);

    // Progress streamed as job:event messages before the job:done one.
    const kinds = app.log.traffic
      .map((t) => (JSON.parse(t) as { event?: { type: string } }).event?.type)
      .filter(Boolean);
    expect(kinds.indexOf('job:event')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('job:event')).toBeLessThan(kinds.lastIndexOf('job:done'));
    await app.screenshot('06-verify-pass');

    await verdict.getByRole('button', { name: 'Copy summary' }).click();
    await verdict.getByRole('button', { name: 'Copied ✓' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('District: Demo district');
    expect(copied).toMatch(/Result: Connection OK/);
  });

  it('keeps the last report across a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByRole('button', { name: 'Verify', exact: true }).first().click();
    await page.getByRole('region', { name: 'Connection result' }).waitFor();
    expect(await page.getByRole('button', { name: 'Re-run', exact: true }).isVisible()).toBe(true);
  });

  it('a wrong secret fails with CONN-AUTH and its remedy', async () => {
    const { page } = app;
    const [demo] = await app.services.profiles.list();
    const DEMO_SECRET = (await app.services.vault.getSecret(demo!.id, 'oneroster.clientSecret'))!;
    await page.getByRole('button', { name: /Districts/ }).click();
    await page.getByRole('button', { name: 'Replace' }).click();
    await page.getByLabel('New client secret').fill('definitely-not-the-secret');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByTestId('secret-status').filter({ hasText: 'Stored in keychain ✓' }).waitFor();

    await page.getByRole('button', { name: 'Verify', exact: true }).first().click();
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    const verdict = page.locator('[data-verdict="not_ready"]');
    await verdict.waitFor({ timeout: 60_000 });
    const finding = page.locator('li[data-rule="CONN-AUTH"]');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('Blocker');
    // The provider knows the key and rejects the signature: the secret is wrong, not the signature method.
    expect(await finding.locator('.finding-remedy').textContent()).toContain('Replace the client secret');
    expect(await finding.textContent()).toContain('Invalid OAuth signature');
    expect(await page.locator('tr[data-check="auth"]').textContent()).toContain('401');
    const skipped = page.locator('tr[data-status="skip"][data-check^="endpoint:"]');
    expect(await skipped.count()).toBeGreaterThan(5);
    expect(await skipped.first().textContent()).toContain('skipped until authentication passes');
    await app.screenshot('07-verify-auth-fail');
    expect(app.log.traffic.join('\n')).not.toContain('definitely-not-the-secret');

    // Replace secret in place: a short value is warned about (not refused), then the right one fixes it.
    const replace = page.getByRole('region', { name: 'Replace secret' });
    await replace.getByLabel('New client secret').fill('abc');
    await replace.getByTestId('short-secret-warning').waitFor();
    await replace.getByLabel('New client secret').fill(DEMO_SECRET);
    await replace.getByRole('button', { name: 'Save secret' }).click();
    await replace.getByTestId('secret-status').filter({ hasText: 'Stored in keychain ✓' }).waitFor();
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    await page.locator('[data-connection="ok"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('next-step').getByRole('button', { name: 'Go to Pull' }).waitFor();
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

describe('dark theme', () => {
  it('follows the OS colour scheme', async () => {
    const app = await launchApp({ colorScheme: 'dark' });
    try {
      const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(20, 22, 27)');
      await app.page.getByRole('button', { name: 'Open demo district' }).click();
      await app.page.getByRole('button', { name: 'Run verification' }).click();
      await app.page.getByRole('region', { name: 'Connection result' }).waitFor({ timeout: 60_000 });
      await app.screenshot('08-verify-dark');
    } finally {
      await app.close();
    }
  });
});
