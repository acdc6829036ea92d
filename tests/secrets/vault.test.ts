import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import { MAX_SECRET_LENGTH } from '../../electron/services/secrets/vault';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { redact } from '../../electron/services/logging/redact';
import { fakeSecret, filesContaining, testProfileId } from './no-leak';

const dataDir = mkdtempSync(join(tmpdir(), 'preflight-vault-'));
const { vault, logger } = createServices({ dataDir });
const used: string[] = [];
const pid = () => {
  const id = testProfileId();
  used.push(id);
  return id;
};

afterAll(async () => {
  for (const id of used) await vault.deleteAll(id);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('CredentialVault over the real keychain', () => {
  it('sets, reads, reports and deletes each kind separately', async () => {
    const id = pid();
    const clientSecret = fakeSecret('or');
    const token = fakeSecret('canvas');
    expect(await vault.status(id)).toEqual({ 'oneroster.clientSecret': false, 'canvas.token': false });

    await vault.setSecret(id, 'oneroster.clientSecret', clientSecret);
    expect(await vault.hasSecret(id, 'oneroster.clientSecret')).toBe(true);
    expect(await vault.hasSecret(id, 'canvas.token')).toBe(false);
    expect(await vault.status(id)).toEqual({ 'oneroster.clientSecret': true, 'canvas.token': false });

    await vault.setSecret(id, 'canvas.token', token);
    expect(await vault.getSecret(id, 'oneroster.clientSecret')).toBe(clientSecret);
    expect(await vault.getSecret(id, 'canvas.token')).toBe(token);

    expect(await vault.deleteSecret(id, 'canvas.token')).toBe(true);
    expect(await vault.deleteSecret(id, 'canvas.token')).toBe(false);
    expect(await vault.status(id)).toEqual({ 'oneroster.clientSecret': true, 'canvas.token': false });
  });

  it('deleteAll removes every secret of one profile and leaves other profiles alone', async () => {
    const a = pid();
    const b = pid();
    await vault.setSecret(a, 'oneroster.clientSecret', fakeSecret());
    await vault.setSecret(a, 'canvas.token', fakeSecret());
    await vault.setSecret(b, 'oneroster.clientSecret', fakeSecret());
    expect(await vault.deleteAll(a)).toBe(2);
    expect(await vault.status(a)).toEqual({ 'oneroster.clientSecret': false, 'canvas.token': false });
    expect(await vault.hasSecret(b, 'oneroster.clientSecret')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['leading/trailing whitespace', ' abc '],
    ['trailing newline', 'abc\n'],
    ['inner newline', 'ab\ncd'],
    ['too long', 'x'.repeat(MAX_SECRET_LENGTH + 1)],
  ])('rejects a %s secret with invalid_secret and stores nothing', async (_label, value) => {
    const id = pid();
    const error = await vault.setSecret(id, 'oneroster.clientSecret', value).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_secret' });
    expect((error as { hint?: string }).hint).toBeTruthy();
    if (value.trim().length > 2) expect((error as Error).message).not.toContain(value.trim());
    expect(await vault.hasSecret(id, 'oneroster.clientSecret')).toBe(false);
  });

  it('accepts a very short secret (the app warns about it, the vault does not refuse it)', async () => {
    const id = pid();
    await vault.setSecret(id, 'oneroster.clientSecret', 'abc');
    expect(await vault.hasSecret(id, 'oneroster.clientSecret')).toBe(true);
  });

  it('accepts a secret of exactly the maximum length', async () => {
    const id = pid();
    const value = 'y'.repeat(MAX_SECRET_LENGTH);
    await vault.setSecret(id, 'canvas.token', value);
    expect(await vault.getSecret(id, 'canvas.token')).toBe(value);
  });

  it('rejects unknown kinds and bad profile ids before touching the keychain', async () => {
    await expect(vault.setSecret(pid(), 'canvas.password' as never, 'abcd')).rejects.toMatchObject({
      code: 'invalid_secret_kind',
    });
    await expect(vault.setSecret('', 'canvas.token', 'abcd')).rejects.toMatchObject({
      code: 'invalid_profile_id',
    });
    await expect(vault.getSecret(' x', 'canvas.token')).rejects.toMatchObject({ code: 'invalid_profile_id' });
    await expect(vault.getSecret('a'.repeat(101), 'canvas.token')).rejects.toMatchObject({
      code: 'invalid_profile_id',
    });
  });

  it('registers every secret it sees for redaction, and never writes one to the data folder', async () => {
    const id = pid();
    const secret = fakeSecret();
    await vault.setSecret(id, 'oneroster.clientSecret', secret);
    const line = `request failed with key ${secret} and ${encodeURIComponent(secret)}`;
    expect(redact(line)).not.toContain(secret);
    expect(redact(line)).not.toContain(encodeURIComponent(secret));
    logger.error(line, { secret, nested: { again: secret } });
    expect(filesContaining(dataDir, secret)).toEqual([]);
  });

  it('registers secrets read back from the keychain (another process may have stored them)', async () => {
    const id = pid();
    const secret = fakeSecret();
    // Written behind the vault's back, as another process (the app vs the CLI) would.
    await new KeytarSecretStore().set(`${id}:canvas.token`, secret);
    expect(redact(`token ${secret}`)).toContain(secret);
    expect(await vault.getSecret(id, 'canvas.token')).toBe(secret);
    expect(redact(`token ${secret}`)).toBe('token [REDACTED]');
  });
});
