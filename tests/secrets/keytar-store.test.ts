import { afterAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import { KEYCHAIN_SERVICE, KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { fakeSecret, testProfileId } from './no-leak';
import { ServiceError } from '../../shared/errors';

// The real Secret Service (run inside dbus-run-session with an unlocked gnome-keyring; see README).
const keytar = createRequire(import.meta.url)('keytar') as typeof Keytar;
const store = new KeytarSecretStore();
const accounts: string[] = [];
const account = () => {
  const a = `${testProfileId()}:oneroster.clientSecret`;
  accounts.push(a);
  return a;
};

afterAll(async () => {
  for (const a of accounts) await keytar.deletePassword(KEYCHAIN_SERVICE, a);
});

describe('KeytarSecretStore (real keychain)', () => {
  it('stores, reads back and deletes a secret under the "Roster Preflight" service', async () => {
    const a = account();
    const secret = fakeSecret();
    expect(await store.get(a)).toBeNull();
    await store.set(a, secret);
    expect(await store.get(a)).toBe(secret);
    // Filed where other tools (seahorse, secret-tool) will show it: service "Roster Preflight".
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, a)).toBe(secret);
    expect(await store.delete(a)).toBe(true);
    expect(await store.get(a)).toBeNull();
    expect(await store.delete(a)).toBe(false);
  });

  it('overwrites an existing secret', async () => {
    const a = account();
    await store.set(a, fakeSecret('old'));
    const next = fakeSecret('new');
    await store.set(a, next);
    expect(await store.get(a)).toBe(next);
  });

  it('keeps services apart', async () => {
    const a = account();
    const other = new KeytarSecretStore({ service: `${KEYCHAIN_SERVICE} test-other` });
    await store.set(a, fakeSecret());
    expect(await other.get(a)).toBeNull();
  });

  it('reports a keytar module that cannot load as keychain_unavailable, with a hint', async () => {
    const broken = new KeytarSecretStore({ moduleId: 'keytar-missing-for-test' });
    const error = await broken.get('x:oneroster.clientSecret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'keychain_unavailable' });
    const e = error as ServiceError;
    expect(e.message).toMatch(/No OS keychain is available/);
    expect(e.message).toMatch(/could not be loaded/);
    expect(e.message).not.toMatch(/Require stack/);
    expect(e.hint).toMatch(/never stored in plain text/);
    await expect(broken.set('x:oneroster.clientSecret', 'v')).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
  });
});
