import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';

/**
 * A compromised renderer's route to a secret: `profiles:update` to a host it controls, then `baseline:fetch` or
 * `verify:start`. The main process deletes the secrets when an origin changes, so nothing reaches that host.
 */
const TOKEN = `canvas-token-${randomUUID()}`;
const SECRET = `oneroster-secret-${randomUUID()}`;
let dataDir: string;
let services: Services;
let handlers: Handlers;
let capture: http.Server;
let captureUrl = '';
const received: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-origin-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  handlers = createHandlers(services, () => undefined, {
    appVersion: '1',
    platform: 'linux',
    openExternal: async () => undefined,
  });
  capture = http.createServer((req, res) => {
    received.push(`${String(req.headers.authorization ?? '')} ${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
  captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await disposeHandlers(handlers);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  await new Promise((r) => capture.close(r));
  await rm(dataDir, { recursive: true, force: true });
});

const call = (channel: string, input: unknown) => invokeChannel(handlers, channel, input);
async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = (await call(channel, input)) as { ok: boolean; data?: T; error?: unknown };
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

describe('secrets bound to their origin (IPC)', () => {
  it('profiles:update to another Canvas or OneRoster origin deletes the secrets; fetch and verify send nothing there', async () => {
    const view = await ok<{ profile: { id: string } }>('profiles:create', {
      name: 'Origin Bound',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
      canvas: { baseUrl: 'https://bound.instructure.com', rootAccountId: '1' },
    });
    const id = view.profile.id;
    await ok('secrets:set', { profileId: id, kind: 'canvas.token', value: TOKEN });
    await ok('secrets:set', { profileId: id, kind: 'oneroster.clientSecret', value: SECRET });

    // Same origin, other path: the secrets stay.
    const samePath = await ok<{ secrets: Record<string, boolean> }>('profiles:update', {
      id,
      patch: {
        oneroster: { baseUrl: 'https://or.example.org/other/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
      },
    });
    expect(samePath.secrets).toEqual({ 'oneroster.clientSecret': true, 'canvas.token': true });

    const moved = await ok<{ secrets: Record<string, boolean> }>('profiles:update', {
      id,
      patch: {
        canvas: { baseUrl: captureUrl, rootAccountId: '1' },
        oneroster: { baseUrl: `${captureUrl}/ims/oneroster/v1p1`, clientId: 'k', auth: { kind: 'oauth1' } },
      },
    });
    expect(moved.secrets).toEqual({ 'oneroster.clientSecret': false, 'canvas.token': false });
    expect(await call('baseline:fetch', { profileId: id, via: 'api' })).toMatchObject({ ok: false });
    expect(await call('verify:start', { profileId: id })).toMatchObject({
      ok: false,
      error: { code: 'secret_missing' },
    });
    const all = received.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('oauth_signature');
  });

  it('refuses plain http for a network host when a profile is saved or edited', async () => {
    const r = await call('profiles:create', {
      name: 'Plain http',
      oneroster: {
        baseUrl: 'http://or.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
    });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must use https:\/\//) } });
    const view = await ok<{ profile: { id: string } }>('profiles:create', {
      name: 'Will edit',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
    });
    const edit = await call('profiles:update', {
      id: view.profile.id,
      patch: { canvas: { baseUrl: 'http://canvas.example.org', rootAccountId: '1' } },
    });
    expect(edit).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Canvas URL must use https/) },
    });
  });

  it('keeps network settings across unrelated edits', async () => {
    const view = await ok<{ profile: { id: string } }>('profiles:create', {
      name: 'Behind a proxy',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
      network: { proxy: { mode: 'manual', url: 'http://proxy.district.k12:8080' }, caFile: null },
    });
    const renamed = await ok<{ profile: { network: unknown } }>('profiles:update', {
      id: view.profile.id,
      patch: { name: 'Behind a proxy (renamed)' },
    });
    expect(renamed.profile.network).toEqual({
      proxy: { mode: 'manual', url: 'http://proxy.district.k12:8080' },
      caFile: null,
    });
  });
});
