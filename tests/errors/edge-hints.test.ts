import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_HINTS } from '../../electron/cli/hints';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { APP_HINTS } from '../../electron/main/ipc/hints';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import { run } from '../cli/run';

/**
 * Services throw codes and facts; each edge words what to do: the CLI in commands and flags
 * (electron/cli/hints.ts), the app in its screens (electron/main/ipc/hints.ts). The same failure, both ways.
 * Needs the real keychain (scripts/with-keyring.sh).
 */
let dataDir: string;
let services: Services;
let handlers: Handlers;
const profile = {
  name: 'No Secret District',
  oneroster: {
    baseUrl: 'https://nosecret.example.org/ims/oneroster/v1p1',
    clientId: 'key',
    auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
  },
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'preflight-edge-hints-'));
  services = createServices({
    dataDir,
    secretStore: new KeytarSecretStore({ service: `Roster Preflight edge hints ${randomUUID()}` }),
  });
  handlers = createHandlers(services, () => undefined);
});

afterAll(async () => {
  await disposeHandlers(handlers);
  for (const p of await services.profiles.list()) await services.vault.deleteAll(p.id);
  await rm(dataDir, { recursive: true, force: true });
});

describe('hints are worded at the edges', () => {
  it('a missing snapshot on the command line: the exact command, with the profile name quoted', async () => {
    const created = await invokeChannel(handlers, 'profiles:create', profile);
    expect(created.ok).toBe(true);

    const cli = await run(['evaluate', '--data-dir', dataDir, '--profile', profile.name]);
    expect(cli.code).toBe(2);
    expect(cli.err).toBe(
      `error (no_snapshot): "${profile.name}" has no complete snapshot yet.\n` +
        `  hint: Pull one first: preflight pull --profile '${profile.name}'\n`,
    );
  });

  it('a missing secret over IPC carries the app hint, never a CLI command', async () => {
    const [saved] = await services.profiles.list();
    const result = await invokeChannel(handlers, 'verify:start', { profileId: saved!.id });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'secret_missing', hint: APP_HINTS.secret_missing },
    });
    if (!result.ok) expect(result.error.hint).not.toMatch(/preflight|--/);

    // The same code on the command line: the exact command.
    const cli = await run(['verify', '--data-dir', dataDir, '--profile', profile.name]);
    expect(cli.code).toBe(2);
    expect(cli.err).toContain(
      `hint: Store it with: preflight secret set --profile '${profile.name}' --kind oneroster.clientSecret`,
    );
  });

  it('the app table never words a CLI command, the CLI table never sends to an app screen', () => {
    const sample = {
      code: 'x',
      message: 'x',
      detail: { profile: 'P', kind: 'canvas.token', status: 'failed' },
    };
    for (const [code, hint] of Object.entries(APP_HINTS)) {
      const text = typeof hint === 'string' ? hint : (hint({ ...sample, code }) ?? '');
      expect(text, code).not.toMatch(/preflight |`|--[a-z]/);
    }
    for (const [code, hint] of Object.entries(CLI_HINTS)) {
      const text = typeof hint === 'string' ? hint : (hint({ ...sample, code }) ?? '');
      expect(text, code).not.toMatch(/\b(Districts|screen)\b/);
    }
  });
});
