import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, resolveOneRosterTarget } from '../../electron/services/container';
import { fakeSecret, filesContaining } from '../secrets/no-leak';
import { appHint } from '../../electron/main/ipc/hints';
import { cliHint } from '../../electron/cli/hints';
import { ServiceError } from '../../shared/errors';

const dataDir = mkdtempSync(join(tmpdir(), 'preflight-container-'));
const services = createServices({ dataDir });
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await services.vault.deleteAll(id);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createServices + resolveOneRosterTarget', () => {
  it('builds the plain services object over one data folder', () => {
    // Others add fields (snapshots, …); these four are the core.
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['dataDir', 'logger', 'profiles', 'vault']));
    expect(services.dataDir).toBe(dataDir);
    expect(services.profiles.file).toBe(join(dataDir, 'profiles.json'));
  });

  it('resolves a profile by name, id or object with its secret from the keychain', async () => {
    const profile = await services.profiles.create({
      name: 'Target District',
      oneroster: {
        baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
        clientId: 'consumer-key',
        auth: { kind: 'oauth2', tokenUrl: 'https://or.example.org/token', scope: 'roster-core.readonly' },
      },
    });
    created.push(profile.id);
    const secret = fakeSecret();
    await services.vault.setSecret(profile.id, 'oneroster.clientSecret', secret);

    const expected = {
      profile,
      saved: true,
      baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
      clientId: 'consumer-key',
      clientSecret: secret,
      auth: { kind: 'oauth2', tokenUrl: 'https://or.example.org/token', scope: 'roster-core.readonly' },
      // The profile's HTTP client (proxy, trusted CAs): electron/services/net.
      http: expect.objectContaining({ fetch: expect.any(Function) }),
    };
    expect(await resolveOneRosterTarget(services, 'target district')).toEqual(expected);
    expect(await resolveOneRosterTarget(services, profile.id)).toEqual(expected);
    expect(await resolveOneRosterTarget(services, profile)).toEqual(expected);
    expect(filesContaining(dataDir, secret)).toEqual([]);
  });

  it('says how to store a missing secret (secret_missing)', async () => {
    const profile = await services.profiles.create({
      name: 'No Secret Yet',
      oneroster: { baseUrl: 'https://or.example.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
    });
    created.push(profile.id);
    const error = await resolveOneRosterTarget(services, profile.name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'secret_missing',
      message: expect.stringContaining('No Secret Yet'),
      detail: { profile: 'No Secret Yet' },
    });
    // The service states the fact; the CLI's hint table words the command (the app's names its screen).
    expect(cliHint((error as ServiceError).toData())).toBe(
      "Store it with: preflight secret set --profile 'No Secret Yet' --kind oneroster.clientSecret  (reads the secret from stdin)",
    );
    expect(appHint((error as ServiceError).toData())).toMatch(/Districts/);
    await expect(resolveOneRosterTarget(services, 'Nobody')).rejects.toMatchObject({
      code: 'profile_not_found',
    });
  });
});
