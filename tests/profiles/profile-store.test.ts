import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileDraft } from '../../shared/profiles/profile';
import { createServices } from '../../electron/services/container';
import type { Services } from '../../electron/services/container';
import { fakeSecret } from '../secrets/no-leak';
import { ServiceError } from '../../shared/errors';

const root = mkdtempSync(join(tmpdir(), 'preflight-profiles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let services: Services;
let n = 0;
beforeEach(() => {
  services = createServices({ dataDir: join(root, `d${++n}`) });
});

const draft = (name: string, over: Partial<ProfileDraft['oneroster']> = {}): ProfileDraft => ({
  name,
  oneroster: {
    baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
    clientId: 'key-1',
    auth: { kind: 'oauth1' },
    ...over,
  },
});

describe('ProfileStore', () => {
  it('creates profiles with ids, timestamps and schema defaults, persisted as {version:1, profiles}', async () => {
    const p = await services.profiles.create(draft('  Springfield USD  '));
    expect(p.name).toBe('Springfield USD');
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.createdAt).toBe(p.updatedAt);
    expect(p.oneroster).toMatchObject({
      pageSize: 1000,
      concurrency: 4,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
    });
    const file = JSON.parse(readFileSync(services.profiles.file, 'utf8'));
    expect(file).toEqual({ version: 1, profiles: [p] });
    expect(statSync(services.profiles.file).mode & 0o777).toBe(0o600);
  });

  it('lists sorted by name, gets by id and by name case-insensitively, resolves either', async () => {
    const b = await services.profiles.create(draft('beta District'));
    const a = await services.profiles.create(draft('Alpha District'));
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['Alpha District', 'beta District']);
    expect(await services.profiles.get(b.id)).toEqual(b);
    expect(await services.profiles.getByName('ALPHA district ')).toEqual(a);
    expect(await services.profiles.resolve(a.id)).toEqual(a);
    expect(await services.profiles.resolve('Beta District')).toEqual(b);
    await expect(services.profiles.get('nope')).rejects.toMatchObject({ code: 'profile_not_found' });
    await expect(services.profiles.getByName('Gamma')).rejects.toMatchObject({
      code: 'profile_not_found',
      detail: { profile: 'Gamma' },
    });
  });

  it('keeps names unique regardless of case, on create and on rename', async () => {
    const a = await services.profiles.create(draft('Springfield'));
    await services.profiles.create(draft('Shelbyville'));
    await expect(services.profiles.create(draft('SPRINGFIELD'))).rejects.toMatchObject({
      code: 'profile_name_taken',
    });
    await expect(services.profiles.update(a.id, { name: 'shelbyville' })).rejects.toMatchObject({
      code: 'profile_name_taken',
    });
    // Renaming to itself (different case) is fine.
    expect((await services.profiles.update(a.id, { name: 'SpringField' })).name).toBe('SpringField');
    expect(await services.profiles.list()).toHaveLength(2);
  });

  it('turns zod issues into field messages and saves nothing', async () => {
    const error = await services.profiles
      .create({
        name: ' ',
        oneroster: { baseUrl: 'ftp://x', clientId: '', auth: { kind: 'oauth1' }, pageSize: 0 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    const e = error as ServiceError;
    expect(e.code).toBe('invalid_profile');
    expect(e.detail?.fields).toMatchObject({
      name: 'Name is required',
      'oneroster.baseUrl': expect.stringMatching(/full http\(s\) URL/),
      'oneroster.clientId': 'Client key is required',
      'oneroster.pageSize': expect.any(String),
    });
    expect(e.message).toMatch(/oneroster\.baseUrl: Enter a full http\(s\) URL/);
    expect(await services.profiles.list()).toEqual([]);
  });

  it('updates with a one-level merge of oneroster settings and bumps updatedAt only', async () => {
    const p = await services.profiles.create(draft('Ogdenville'));
    await new Promise((r) => setTimeout(r, 5));
    const u = await services.profiles.update(p.id, {
      oneroster: { auth: { kind: 'oauth2', tokenUrl: 'https://or.example.org/token' }, pageSize: 500 },
    });
    expect(u).toMatchObject({ id: p.id, createdAt: p.createdAt, name: 'Ogdenville' });
    expect(u.updatedAt > p.updatedAt).toBe(true);
    expect(u.oneroster).toMatchObject({
      clientId: 'key-1',
      pageSize: 500,
      auth: { kind: 'oauth2', scope: '' },
    });
    await expect(services.profiles.update(p.id, { oneroster: { concurrency: 99 } })).rejects.toMatchObject({
      code: 'invalid_profile',
      detail: { fields: { 'oneroster.concurrency': expect.any(String) } },
    });
    await expect(services.profiles.update('missing', { name: 'x' })).rejects.toMatchObject({
      code: 'profile_not_found',
    });
    expect(await services.profiles.get(p.id)).toEqual(u);
  });

  it('remove deletes the profile and its secrets in the real keychain', async () => {
    const p = await services.profiles.create(draft('Capital City'));
    const keep = await services.profiles.create(draft('North Haverbrook'));
    await services.vault.setSecret(p.id, 'oneroster.clientSecret', fakeSecret());
    await services.vault.setSecret(p.id, 'canvas.token', fakeSecret());
    await services.vault.setSecret(keep.id, 'oneroster.clientSecret', fakeSecret());
    try {
      expect(await services.profiles.remove(p.id)).toEqual(p);
      expect(await services.vault.status(p.id)).toEqual({
        'oneroster.clientSecret': false,
        'canvas.token': false,
      });
      expect((await services.profiles.list()).map((x) => x.name)).toEqual(['North Haverbrook']);
      expect(await services.vault.hasSecret(keep.id, 'oneroster.clientSecret')).toBe(true);
      await expect(services.profiles.remove(p.id)).rejects.toMatchObject({ code: 'profile_not_found' });
    } finally {
      await services.vault.deleteAll(p.id);
      await services.vault.deleteAll(keep.id);
    }
  });

  it('serialises concurrent writes: none is lost, no temp files are left', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `District ${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => services.profiles.create(draft(name))));
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(names);
    expect(readdirSync(services.dataDir).filter((f) => f !== 'logs')).toEqual(['profiles.json']);
  });

  it('a failed write leaves the previous file intact', async () => {
    await services.profiles.create(draft('Springfield'));
    const before = readFileSync(services.profiles.file, 'utf8');
    await expect(services.profiles.create(draft('springfield'))).rejects.toMatchObject({
      code: 'profile_name_taken',
    });
    expect(readFileSync(services.profiles.file, 'utf8')).toBe(before);
  });

  it('logs changes to the data folder log', async () => {
    const p = await services.profiles.create(draft('Logged District'));
    await services.profiles.remove(p.id);
    const log = readFileSync(join(services.dataDir, 'logs', 'preflight.log'), 'utf8');
    expect(log).toMatch(/INFO {2}\[profiles\] profile created .*Logged District/);
    expect(log).toMatch(/profile removed .*"secretsDeleted":0/);
  });
});
