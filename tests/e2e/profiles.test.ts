import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import type { Profile } from '../../shared/profiles/profile';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/** Journey 1 + 2 (first half): first run, add a district, secret to the keychain and never back. */
describe('first run and districts', () => {
  let app: E2EApp;
  const secret = `e2e-secret-${randomUUID()}`;

  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on an empty state offering "Add district" and "Open demo district"', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Add your first district' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add district' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open demo district' }).isVisible()).toBe(true);
    await app.screenshot('01-first-run');
  });

  it('shows validation messages from the shared schema, then saves', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add district' }).click();
    const form = page.getByRole('form', { name: 'Add district' });
    await form.getByLabel('District name').fill('Springfield Public Schools');
    await form.getByLabel('OneRoster base URL').fill('springfield.example.org/oneroster');
    await form.getByRole('button', { name: 'Save district' }).click();

    await expect
      .poll(() => form.locator('[data-field="baseUrl"] .field-error').textContent())
      .toContain('Enter a full http(s) URL');
    expect(await form.locator('[data-field="clientId"] .field-error').textContent()).toBe(
      'Client key is required',
    );
    expect(await form.locator('[data-field="secret"] .field-error').textContent()).toContain(
      'Enter the client secret',
    );
    expect(await page.getByRole('alert').filter({ hasText: 'Some fields need attention.' }).isVisible()).toBe(
      true,
    );
    expect(await app.services.profiles.list()).toEqual([]);
    await app.screenshot('02-district-validation');

    await form.getByLabel('OneRoster base URL').fill('https://springfield.example.org/ims/oneroster/v1p1');
    await form.getByLabel('Client key').fill('springfield-key');
    await form.getByLabel('OAuth 1.0a · SHA-1').check();
    await form.getByLabel('Client secret').fill(secret);
    await form.getByRole('button', { name: 'Save district' }).click();

    await page.getByTestId('secret-status').filter({ hasText: 'Stored in keychain ✓' }).waitFor();
    const [saved] = await app.services.profiles.list();
    expect(saved).toMatchObject({
      name: 'Springfield Public Schools',
      oneroster: { clientId: 'springfield-key', auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA1' } },
    });
    expect(await app.services.vault.getSecret(saved!.id, 'oneroster.clientSecret')).toBe(secret);
    expect(await page.locator('#active-district').inputValue()).toBe(saved!.id);
    await app.screenshot('03-district-saved');
  });

  it('never puts the secret in the page, the DOM or any IPC answer', async () => {
    const { page } = app;
    const html = await page.content();
    const values = await page.evaluate(() =>
      [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value),
    );
    expect(html).not.toContain(secret);
    expect(values.join('\n')).not.toContain(secret);
    expect(app.log.traffic.length).toBeGreaterThan(0);
    expect(app.log.traffic.join('\n')).not.toContain(secret);
  });

  it('replaces and deletes the stored secret without ever showing it', async () => {
    const { page } = app;
    const [saved] = await app.services.profiles.list();
    await page.getByRole('button', { name: 'Replace' }).click();
    await page.getByLabel('New client secret').fill(`${secret}-2`);
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByTestId('secret-status').filter({ hasText: 'Stored in keychain ✓' }).waitFor();
    expect(await app.services.vault.getSecret(saved!.id, 'oneroster.clientSecret')).toBe(`${secret}-2`);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete secret' }).click();
    await page.getByTestId('secret-status').filter({ hasText: 'No secret stored' }).waitFor();
    expect(await app.services.vault.getSecret(saved!.id, 'oneroster.clientSecret')).toBeNull();
    expect((await page.content()).includes(secret)).toBe(false);
  });

  it("sets the district's time zone and network settings, which persist and come back in the form", async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Edit district' });
    const zone = form.getByLabel('Time zone');
    expect(await zone.locator('option').first().textContent()).toMatch(/^This computer's \(.+\)$/);
    await zone.selectOption('America/Chicago');
    await form.getByLabel('Manual').check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    // A manual proxy needs an address: the shared schema's message, nothing saved.
    await expect
      .poll(() => form.locator('[data-field="proxyUrl"] .field-error').textContent())
      .toContain('Enter the proxy address');
    expect((await app.services.profiles.list())[0]!.timeZone).toBeNull();

    await form.getByLabel('Proxy URL').fill('http://proxy.district.k12:8080');
    await form.getByLabel('Extra trusted CA file').fill('/etc/ssl/district/filter-root.pem');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const saved = async () => {
      const r = (await invokeChannel(app.handlers, 'profiles:list', {})) as {
        ok: boolean;
        data: { profiles: Array<{ profile: Profile }> };
      };
      return r.data.profiles[0]!.profile;
    };
    await expect.poll(async () => (await saved()).timeZone).toBe('America/Chicago');
    expect((await saved()).network).toEqual({
      proxy: { mode: 'manual', url: 'http://proxy.district.k12:8080' },
      caFile: '/etc/ssl/district/filter-root.pem',
    });

    // Reloaded from the main process, the form shows what was saved.
    await page.reload();
    const again = page.getByRole('form', { name: 'Edit district' });
    await again.waitFor();
    expect(await again.getByLabel('Time zone').inputValue()).toBe('America/Chicago');
    expect(await again.getByLabel('Manual').isChecked()).toBe(true);
    expect(await again.getByLabel('Proxy URL').inputValue()).toBe('http://proxy.district.k12:8080');
    expect(await again.getByLabel('Extra trusted CA file').inputValue()).toBe(
      '/etc/ssl/district/filter-root.pem',
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await again.getByRole('group', { name: 'Network' }).scrollIntoViewIfNeeded();
    await app.screenshot('03b-district-time-zone-network');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Back to the defaults: this computer's zone and the system proxy store nulls.
    await again.getByLabel('Time zone').selectOption('');
    await again.getByRole('radio', { name: /^System/ }).check();
    await again.getByLabel('Extra trusted CA file').fill('');
    await again.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await saved()).timeZone).toBeNull();
    expect((await saved()).network).toBeNull();
  });

  it('switches screens and districts with Ctrl+K', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Quick switcher' });
    await dialog.waitFor();
    await dialog.getByLabel('Search screens and districts').fill('veri');
    await app.screenshot('04-quick-switcher');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    expect(await dialog.count()).toBe(0);
  });

  it('opens the Conversion screen, which asks for a pull before anything else', async () => {
    const { page } = app;
    await page.locator('nav').getByRole('button', { name: 'Conversion', exact: true }).click();
    await page.getByRole('heading', { name: 'Pull the roster first' }).waitFor();
    await app.screenshot('05-conversion-needs-pull');
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
