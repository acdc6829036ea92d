import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainEvent } from '../../shared/ipc/contract';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';

/**
 * The IPC layer with the real services and the real keychain (run inside dbus-run-session + gnome-keyring):
 * bad input is refused with 'invalid_input', bugs become a generic 'internal', and no answer carries a secret.
 */
let dataDir: string;
let services: Services;
let handlers: Handlers;
const events: MainEvent[] = [];
const opened: string[] = [];
const secret = `ipc-secret-${randomUUID()}`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  handlers = createHandlers(services, (e) => events.push(e), {
    appVersion: '1.2.3',
    platform: 'linux',
    openExternal: async (url) => void opened.push(url),
  });
});

afterAll(async () => {
  await disposeHandlers(handlers);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  await rm(dataDir, { recursive: true, force: true });
});

const call = (channel: string, input: unknown) => invokeChannel(handlers, channel, input);

const draft = {
  name: 'Shelbyville',
  oneroster: {
    baseUrl: 'https://shelbyville.example.org/ims/oneroster/v1p1',
    clientId: 'shelby-key',
    auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
  },
};

describe('input validation', () => {
  it('refuses a malformed profile with invalid_input and names the fields', async () => {
    const result = await call('profiles:create', {
      name: '',
      oneroster: { baseUrl: 'nope', clientId: '', auth: { kind: 'oauth1' } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (result.ok) return;
    expect(result.error.message).toContain('name: Name is required');
    expect(result.error.hint).toBeTruthy();
    expect(await services.profiles.list()).toEqual([]);
  });

  it('refuses unknown keys on no-input channels, wrong types, and unknown channels', async () => {
    expect(await call('app:info', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('secrets:set', { profileId: 'x', kind: 'password', value: 'v' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await call('secrets:set', { profileId: 'x', kind: 'oneroster.clientSecret', value: '   ' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('jobs:cancel', { jobId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('turns bugs into a generic internal error (no message, no stack) and strips undeclared output fields', async () => {
    const broken: Handlers = {
      ...handlers,
      'app:info': async () => {
        throw new Error(`boom at /home/user/secret ${secret}`);
      },
    };
    const failed = await invokeChannel(broken, 'app:info', {});
    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) });
    expect(JSON.stringify(failed)).not.toMatch(/boom|secret|at /);

    const leaky = {
      ...handlers,
      'app:info': async () => ({ version: '1', dataDir: '/d', platform: 'x', clientSecret: secret }),
    } as Handlers;
    const stripped = await invokeChannel(leaky, 'app:info', {});
    expect(stripped).toEqual({ ok: true, data: { version: '1', dataDir: '/d', platform: 'x' } });
  });

  it('opens https links only', async () => {
    for (const url of [
      'http://example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.org/',
      'not a url',
    ]) {
      expect(await call('shell:openExternal', { url }), url).toMatchObject({
        ok: false,
        error: { code: 'unsafe_url' },
      });
    }
    expect(await call('shell:openExternal', { url: 'https://example.org/help' })).toEqual({
      ok: true,
      data: { opened: true },
    });
    expect(opened).toEqual(['https://example.org/help']);
  });
});

describe('secrets never come back', () => {
  it('stores a secret and no answer from any channel contains it', async () => {
    const created = await call('profiles:create', draft);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = (created.data as { profile: { id: string } }).profile.id;

    const answers = [
      await call('secrets:set', { profileId: id, kind: 'oneroster.clientSecret', value: secret }),
      await call('secrets:status', { profileId: id }),
      await call('profiles:list', {}),
      await call('profiles:update', { id, patch: { name: 'Shelbyville USD' } }),
      await call('verify:last', { profileId: id }),
      await call('app:info', {}),
      // Failures that involve the secret's owner must not echo it either.
      await call('secrets:set', {
        profileId: 'missing-profile',
        kind: 'oneroster.clientSecret',
        value: secret,
      }),
      await call('profiles:create', { ...draft, name: 'Shelbyville USD' }),
    ];
    expect(answers[0]).toEqual({ ok: true, data: { stored: true } });
    expect(answers[1]).toEqual({ ok: true, data: { 'oneroster.clientSecret': true, 'canvas.token': false } });
    expect(answers[6]).toMatchObject({ ok: false, error: { code: 'profile_not_found' } });
    expect(answers[7]).toMatchObject({ ok: false, error: { code: 'profile_name_taken' } });
    expect(await services.vault.getSecret(id, 'oneroster.clientSecret')).toBe(secret);
    expect(JSON.stringify(answers)).not.toContain(secret);
  });

  it('deleting a profile removes its secrets from the keychain', async () => {
    const [profile] = await services.profiles.list();
    expect(await call('profiles:delete', { id: profile!.id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await services.vault.getSecret(profile!.id, 'oneroster.clientSecret')).toBeNull();
    expect(await call('secrets:status', { profileId: profile!.id })).toMatchObject({
      ok: false,
      error: { code: 'profile_not_found' },
    });
  });

  it('verify:start without a stored secret fails before any job starts', async () => {
    const created = await call('profiles:create', { ...draft, name: 'No secret' });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.data as { profile: { id: string } }).profile.id;
    const result = await call('verify:start', { profileId: id });
    expect(result).toMatchObject({ ok: false, error: { code: 'secret_missing' } });
    expect(events).toEqual([]);
  });
});
