import { Option } from 'commander';
import type { Command } from 'commander';
import { TimeZone } from '../../../shared/profiles/profile';
import type { Profile, SecretStatus } from '../../../shared/profiles/profile';
import type { Services } from '../../services/container';
import { isServiceError } from '../../../shared/errors';
import type { CliContext } from '../context';
import { usageError } from '../errors';
import { positiveInt, withDataDir } from '../program';
import { AUTH_FLAGS, authFlagOf, authFromFlags } from '../provider-options';
import type { AuthFlag } from '../provider-options';
import { stripTrailingNewline } from '../stdin';
import { formatTable, quoteArg } from '../format';
import { resolve as resolvePath } from 'node:path';
import { readCaFile } from '../../services/net';

interface AddOptions {
  dataDir?: string;
  name: string;
  baseUrl: string;
  clientId: string;
  auth: AuthFlag;
  tokenUrl?: string;
  scope?: string;
  pageSize?: number;
  concurrency?: number;
  secretStdin?: boolean;
  canvasUrl?: string;
  canvasAccountId?: string;
  timeZone?: string;
}

/** `preflight profiles list|add|remove`. */
export function register(program: Command, ctx: CliContext): void {
  const profiles = program
    .command('profiles')
    .description('district profiles (settings; secrets live in the OS keychain)');

  withDataDir(profiles.command('list').description('list saved profiles'))
    .option('--json', 'machine-readable output')
    .action(async (opts: { dataDir?: string; json?: boolean }) => {
      await listProfiles(ctx, ctx.services(opts.dataDir), opts.json === true);
    });

  withDataDir(profiles.command('add').description('save a new district profile'))
    .requiredOption('--name <name>', 'display name, unique (e.g. "Springfield USD")')
    .requiredOption('--base-url <url>', 'OneRoster base URL, e.g. https://host/ims/oneroster/v1p1')
    .requiredOption('--client-id <id>', 'OAuth client id / consumer key')
    .addOption(new Option('--auth <method>', 'OAuth method').choices(AUTH_FLAGS).default('oauth1-sha256'))
    .option('--token-url <url>', 'OAuth 2 token endpoint (with --auth oauth2)')
    .option('--scope <scopes>', 'OAuth 2 scopes, space-separated (with --auth oauth2)')
    .option('--page-size <n>', 'records per page when pulling (default 1000)', positiveInt)
    .option('--concurrency <n>', 'parallel requests when pulling (default 4)', positiveInt)
    .option('--secret-stdin', 'also store the client secret, read from stdin, in the OS keychain')
    .option('--canvas-url <url>', 'Canvas URL for conversion and sync, e.g. https://district.instructure.com')
    .option('--canvas-account-id <id>', 'Canvas root account id (default 1)')
    .option(
      '--time-zone <zone>',
      "IANA time zone of the district's dates, e.g. America/Chicago (default: this computer's)",
    )
    .action(async (opts: AddOptions) => addProfile(ctx, ctx.services(opts.dataDir), opts));

  withDataDir(
    profiles
      .command('canvas')
      .description("set (or with --remove, clear) a profile's Canvas URL and root account id"),
  )
    .argument('<name>', 'profile name (or id)')
    .option('--canvas-url <url>', 'Canvas URL, e.g. https://district.instructure.com')
    .option('--canvas-account-id <id>', 'Canvas root account id (default 1)')
    .option(
      '--remove',
      'forget the Canvas settings (the token stays until `secret delete --kind canvas.token`)',
    )
    .action(
      async (
        name: string,
        opts: { dataDir?: string; canvasUrl?: string; canvasAccountId?: string; remove?: boolean },
      ) => {
        const services = ctx.services(opts.dataDir);
        const profile = await services.profiles.resolve(name);
        if (!opts.remove && opts.canvasUrl === undefined) {
          throw usageError(
            'Give --canvas-url URL (or --remove).',
            'e.g. preflight profiles canvas NAME --canvas-url https://district.instructure.com',
          );
        }
        const updated = await services.profiles.update(profile.id, {
          canvas: opts.remove ? null : canvasOf(opts.canvasUrl!, opts.canvasAccountId),
        });
        ctx.out(
          updated.canvas
            ? `Canvas for "${updated.name}": ${updated.canvas.baseUrl} (root account ${updated.canvas.rootAccountId}).\n` +
                `Next: store its access token with  printf %s "$TOKEN" | preflight secret set --profile ${quoteArg(updated.name)} --kind canvas.token`
            : `Canvas settings removed from "${updated.name}".`,
        );
      },
    );

  withDataDir(
    profiles
      .command('network')
      .description(
        "set a profile's proxy (auto = HTTPS_PROXY/NO_PROXY here, the OS settings in the app) and extra CA file",
      ),
  )
    .argument('<name>', 'profile name (or id)')
    .option(
      '--proxy <auto|none|URL>',
      'auto, none (direct), or http://proxy:port (credentials only via HTTPS_PROXY)',
    )
    .option(
      '--ca-file <file>',
      'PEM file with extra trusted CA certificates (e.g. the web filter root); "none" clears it',
    )
    .action(async (name: string, opts: { dataDir?: string; proxy?: string; caFile?: string }) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(name);
      if (opts.proxy === undefined && opts.caFile === undefined) {
        throw usageError(
          'Give --proxy and/or --ca-file.',
          'e.g. preflight profiles network NAME --proxy http://proxy.district.k12:8080 --ca-file filter-root.pem',
        );
      }
      const current = profile.network ?? { proxy: { mode: 'auto' as const }, caFile: null };
      const proxy =
        opts.proxy === undefined
          ? current.proxy
          : opts.proxy === 'auto' || opts.proxy === 'none'
            ? { mode: opts.proxy as 'auto' | 'none' }
            : { mode: 'manual' as const, url: opts.proxy };
      let caFile = current.caFile;
      if (opts.caFile !== undefined) caFile = opts.caFile === 'none' ? null : resolvePath(opts.caFile);
      // Refuse a CA file that cannot be used now, rather than at the next verify.
      if (caFile) readCaFile(caFile, 'profile');
      const updated = await services.profiles.update(profile.id, { network: { proxy, caFile } });
      const n = updated.network!;
      ctx.out(
        `Network for "${updated.name}": proxy ${n.proxy.mode === 'manual' ? n.proxy.url : n.proxy.mode}; ` +
          `extra CA file ${n.caFile ?? 'none'}. Check it with: preflight verify --profile ${quoteArg(updated.name)}`,
      );
    });

  withDataDir(
    profiles
      .command('time-zone')
      .description(
        "set the IANA time zone of a district's dates (Canvas CSV term/enrollment dates); machine = this computer's",
      ),
  )
    .argument('<name>', 'profile name (or id)')
    .argument('<zone>', 'IANA zone such as America/Chicago, or "machine"')
    .action(async (name: string, zone: string, opts: { dataDir?: string }) => {
      const services = ctx.services(opts.dataDir);
      const timeZone = zone === 'machine' ? null : timeZoneArg(zone);
      const profile = await services.profiles.resolve(name);
      const updated = await services.profiles.update(profile.id, { timeZone });
      ctx.out(`Time zone for "${updated.name}": ${timeZoneLabel(updated.timeZone)}.`);
    });

  withDataDir(profiles.command('remove').description('delete a profile and its keychain secrets'))
    .argument('<name>', 'profile name (or id)')
    .action(async (name: string, opts: { dataDir?: string }) => {
      const services = ctx.services(opts.dataDir);
      const profile = await services.profiles.resolve(name);
      await services.profiles.remove(profile.id);
      ctx.out(`Removed profile "${profile.name}" and its keychain secrets.`);
    });
}

async function listProfiles(ctx: CliContext, services: Services, json: boolean): Promise<void> {
  const profiles = await services.profiles.list();
  const problems = await services.profiles.problems();
  const secrets = await secretStatuses(ctx, services, profiles, json);
  if (json) {
    const rows = profiles.map((profile, i) => ({ ...profile, secrets: secrets[i] ?? null }));
    ctx.out(JSON.stringify({ profiles: rows, problems }, null, 2));
    return;
  }
  for (const p of problems) {
    const fields = Object.entries(p.fields)
      .map(([f, m]) => `${f}: ${m}`)
      .join('; ');
    ctx.err(
      `warning: record ${p.index + 1}${p.name ? ` ("${p.name}")` : ''} in ${services.profiles.file} is skipped — ${fields}`,
    );
  }
  if (profiles.length === 0) {
    ctx.out(
      'No profiles yet. Add one with: preflight profiles add --name NAME --base-url URL --client-id ID',
    );
    return;
  }
  const rows = profiles.map((p, i) => [
    p.name,
    authFlagOf(p.oneroster.auth),
    p.oneroster.baseUrl,
    secretLabel(secrets[i]),
  ]);
  ctx.out(formatTable(['NAME', 'AUTH', 'BASE URL', 'CLIENT SECRET'], rows));
}

/** Status per profile; when the keychain is unreachable, the list still prints (with a warning). */
async function secretStatuses(
  ctx: CliContext,
  services: Services,
  profiles: Profile[],
  quiet: boolean,
): Promise<Array<SecretStatus | null>> {
  try {
    return await Promise.all(profiles.map((p) => services.vault.status(p.id)));
  } catch (e) {
    if (!isServiceError(e, 'keychain_unavailable')) throw e;
    if (!quiet) ctx.err(`warning: secret status unknown — ${e.message}`);
    return profiles.map(() => null);
  }
}

function secretLabel(status: SecretStatus | null | undefined): string {
  if (!status) return 'unknown';
  return status['oneroster.clientSecret'] ? 'stored in keychain' : 'missing';
}

async function addProfile(ctx: CliContext, services: Services, opts: AddOptions): Promise<void> {
  const auth = authFromFlags(opts.auth, opts.tokenUrl, opts.scope);
  const timeZone = opts.timeZone === undefined ? undefined : timeZoneArg(opts.timeZone);
  // Read the secret before saving anything, so a failed read leaves no half-made profile.
  const secret = opts.secretStdin
    ? stripTrailingNewline(await ctx.readSecret('Client secret (not shown): '))
    : undefined;
  if (secret !== undefined && secret.trim() === '') {
    throw usageError(
      '--secret-stdin was given but stdin was empty.',
      'Pipe the secret in: printf %s "$SECRET" | preflight profiles add … --secret-stdin',
    );
  }
  const profile = await services.profiles.create({
    name: opts.name,
    oneroster: {
      baseUrl: opts.baseUrl,
      clientId: opts.clientId,
      auth,
      ...(opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}),
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    },
    ...(opts.canvasUrl !== undefined ? { canvas: canvasOf(opts.canvasUrl, opts.canvasAccountId) } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  });
  ctx.out(`Saved profile "${profile.name}" (${profile.id}).`);
  if (secret === undefined) {
    ctx.out(`Next: store its client secret with  preflight secret set --profile ${quoteArg(profile.name)}`);
    return;
  }
  try {
    await services.profiles.setSecret(profile.id, 'oneroster.clientSecret', secret);
  } catch (e) {
    ctx.err(`The profile was saved, but its client secret was not stored.`);
    throw e;
  }
  ctx.out('Stored the client secret in the OS keychain.');
}

function canvasOf(
  baseUrl: string,
  rootAccountId: string | undefined,
): { baseUrl: string; rootAccountId: string } {
  return { baseUrl, rootAccountId: rootAccountId ?? '1' };
}

/** A zone Intl knows, or a usage error naming it (checked before anything is saved). */
function timeZoneArg(zone: string): string {
  const parsed = TimeZone.safeParse(zone);
  if (!parsed.success) {
    throw usageError(
      `Unknown time zone "${zone}".`,
      'Give an IANA zone such as America/Chicago or Europe/Berlin (or "machine" for this computer\'s zone).',
    );
  }
  return parsed.data;
}

function timeZoneLabel(zone: string | null): string {
  return zone ?? `this computer's (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
}
