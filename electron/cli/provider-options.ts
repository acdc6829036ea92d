import { Option } from 'commander';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { OneRosterAuth } from '../../shared/profiles/profile';
import { Profile, ProfileDraft } from '../../shared/profiles/profile';
import { resolveOneRosterTarget } from '../services/container';
import type { OneRosterTarget, Services } from '../services/container';
import { registerSecret } from '../services/logging/redact';
import { defaultNetwork } from '../services/net';
import { invalidProfileFromZod } from '../services/profiles/errors';
import { MIN_SECRET_LENGTH } from '../services/secrets/vault';
import { usageError } from './errors';

export const AUTH_FLAGS = ['oauth1-sha256', 'oauth1-sha1', 'oauth2'] as const;
export type AuthFlag = (typeof AUTH_FLAGS)[number];

/** Options added by `addTargetOptions` (commander camel-cases the flags). */
export interface TargetOptions {
  profile?: string;
  baseUrl?: string;
  clientId?: string;
  clientSecretEnv?: string;
  /** Only present to refuse it with an explanation. */
  clientSecret?: string;
  auth?: AuthFlag;
  tokenUrl?: string;
  scope?: string;
}

type AuthInput = z.input<typeof OneRosterAuth>;

const AD_HOC_FLAGS = ['baseUrl', 'clientId', 'clientSecretEnv', 'auth', 'tokenUrl', 'scope'] as const;

/** Adds the "which provider" options shared by verify and pull. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'a saved district profile (secret read from the OS keychain)')
    .option('--base-url <url>', 'OneRoster base URL, for a provider without a saved profile')
    .option('--client-id <id>', 'OAuth client id / consumer key (with --base-url)')
    .option(
      '--client-secret-env <var>',
      'name of the environment variable holding the client secret (with --base-url)',
    )
    .addOption(new Option('--auth <method>', 'OAuth method (with --base-url)').choices(AUTH_FLAGS))
    .option('--token-url <url>', 'OAuth 2 token endpoint (with --auth oauth2)')
    .option('--scope <scopes>', 'OAuth 2 scopes, space-separated (with --auth oauth2)')
    .addOption(new Option('--client-secret <secret>').hideHelp());
}

/** `--auth` flag ⇄ profile auth settings. */
export function authFromFlags(
  flag: AuthFlag,
  tokenUrl: string | undefined,
  scope: string | undefined,
): AuthInput {
  if (flag === 'oauth2') {
    if (!tokenUrl)
      throw usageError(
        '--auth oauth2 needs --token-url.',
        "Add --token-url https://…/token (the provider's OAuth 2 token endpoint).",
      );
    return { kind: 'oauth2', tokenUrl, scope: scope ?? '' };
  }
  if (tokenUrl !== undefined || scope !== undefined) {
    throw usageError(
      '--token-url and --scope only apply to --auth oauth2.',
      'Remove them, or add --auth oauth2.',
    );
  }
  return { kind: 'oauth1', signatureMethod: flag === 'oauth1-sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256' };
}

export function authFlagOf(auth: OneRosterAuth): AuthFlag {
  if (auth.kind === 'oauth2') return 'oauth2';
  return auth.signatureMethod === 'HMAC-SHA1' ? 'oauth1-sha1' : 'oauth1-sha256';
}

/** The target named by `--profile`, or built from `--base-url/--client-id/--client-secret-env`. */
export async function resolveTarget(
  opts: TargetOptions,
  services: Services,
  env: NodeJS.ProcessEnv,
): Promise<OneRosterTarget> {
  refuseSecretOnArgv(opts);
  const adHoc = AD_HOC_FLAGS.filter((k) => opts[k] !== undefined);
  if (opts.profile !== undefined) {
    if (adHoc.length > 0) {
      throw usageError(
        `--profile cannot be combined with ${adHoc.map(flagName).join(', ')}.`,
        'Use either --profile NAME, or --base-url URL --client-id ID --client-secret-env VAR.',
      );
    }
    return resolveOneRosterTarget(services, opts.profile);
  }
  if (adHoc.length === 0) {
    throw usageError(
      'Say which OneRoster provider to use.',
      'Pass --profile NAME (see `preflight profiles list`), or --base-url URL --client-id ID --client-secret-env VAR.',
    );
  }
  return adHocTarget(opts, env);
}

function adHocTarget(opts: TargetOptions, env: NodeJS.ProcessEnv): OneRosterTarget {
  const missing = (['baseUrl', 'clientId', 'clientSecretEnv'] as const).filter((k) => !opts[k]);
  if (missing.length > 0) {
    throw usageError(
      `Missing ${missing.map(flagName).join(', ')}.`,
      'Without --profile, pass all of --base-url URL --client-id ID --client-secret-env VAR.',
    );
  }
  const variable = opts.clientSecretEnv as string;
  const clientSecret = env[variable];
  if (!clientSecret || clientSecret.trim().length < MIN_SECRET_LENGTH) {
    throw usageError(
      `The environment variable ${variable} is not set, or too short to be a client secret.`,
      `Export the client secret first, e.g. read -rs ${variable} && export ${variable}`,
    );
  }
  registerSecret(clientSecret.trim());
  const draft = ProfileDraft.safeParse({
    name: hostOf(opts.baseUrl as string),
    oneroster: {
      baseUrl: opts.baseUrl,
      clientId: opts.clientId,
      auth: authFromFlags(opts.auth ?? 'oauth1-sha256', opts.tokenUrl, opts.scope),
    },
  });
  if (!draft.success) throw invalidProfileFromZod(draft.error);
  const at = new Date().toISOString();
  const profile = Profile.parse({ ...draft.data, id: 'ad-hoc', createdAt: at, updatedAt: at });
  return {
    profile,
    saved: false,
    baseUrl: profile.oneroster.baseUrl,
    clientId: profile.oneroster.clientId,
    clientSecret: clientSecret.trim(),
    auth: profile.oneroster.auth,
    http: defaultNetwork(),
  };
}

function refuseSecretOnArgv(opts: TargetOptions): void {
  if (opts.clientSecret === undefined) return;
  registerSecret(opts.clientSecret);
  throw usageError(
    '--client-secret is not accepted: a secret on the command line is saved in shell history and visible to other processes.',
    'Put it in an environment variable and pass --client-secret-env VAR, or store it once with ' +
      '`preflight secret set --profile NAME` and use --profile NAME.',
  );
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.slice(0, 120) || 'ad-hoc';
  }
}
