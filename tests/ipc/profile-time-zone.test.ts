import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';

/** `profiles:update` sets, keeps and clears a district's time zone; the contract refuses a zone Intl does not know. */
let dataDir: string;
let services: Services;
let handlers: Handlers;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-ipc-tz-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight ipc ${randomUUID()}` }),
  });
  handlers = createHandlers(services, () => undefined, {
    appVersion: '1',
    platform: 'linux',
    openExternal: async () => undefined,
  });
});

afterAll(async () => {
  await disposeHandlers(handlers);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  await rm(dataDir, { recursive: true, force: true });
});

type Result = {
  ok: boolean;
  data?: { profile: { id: string; timeZone: string | null; network: unknown } };
  error?: unknown;
};
const call = async (channel: string, input: unknown) =>
  (await invokeChannel(handlers, channel, input)) as Result;

describe('profile time zone (IPC)', () => {
  it('sets the zone, keeps it across unrelated edits and network changes, clears it with null, refuses unknown zones', async () => {
    const created = await call('profiles:create', {
      name: 'Chicago district',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'k',
        auth: { kind: 'oauth1' },
      },
    });
    expect(created.ok).toBe(true);
    const id = created.data!.profile.id;
    expect(created.data!.profile.timeZone).toBeNull();

    const set = await call('profiles:update', { id, patch: { timeZone: 'America/Chicago' } });
    expect(set).toMatchObject({ ok: true, data: { profile: { timeZone: 'America/Chicago' } } });

    const network = {
      proxy: { mode: 'manual', url: 'http://proxy.district.k12:8080' },
      caFile: '/etc/ssl/filter.pem',
    };
    const edited = await call('profiles:update', { id, patch: { name: 'Chicago USD', network } });
    expect(edited).toMatchObject({ ok: true, data: { profile: { timeZone: 'America/Chicago', network } } });

    const bad = await call('profiles:update', { id, patch: { timeZone: 'Central Time' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('IANA time zone') },
    });
    expect((await services.profiles.resolve(id)).timeZone).toBe('America/Chicago');

    const cleared = await call('profiles:update', { id, patch: { timeZone: null } });
    expect(cleared).toMatchObject({ ok: true, data: { profile: { timeZone: null, network } } });
    expect((await services.profiles.resolve(id)).timeZone).toBeNull();
  });
});
