import { HttpClient } from './http-client';
import {
  directResolver,
  environmentResolver,
  profileResolver,
  type ProfileProxy,
  type ProxyResolver,
} from './proxy';
import { loadTrust } from './trust';

/**
 * Where the process's network defaults come from. The CLI keeps the default (the proxy environment variables,
 * NODE_EXTRA_CA_CERTS); the app's main process calls `configureNetwork` once at start-up with a resolver backed by
 * Electron's session and the OS trust store. Profiles then add their own override on top (`networkFor`).
 */
export interface NetworkDefaults {
  proxy: ProxyResolver;
  systemStore: boolean;
  env: NodeJS.ProcessEnv;
}

/** A profile's network settings (see shared/profiles/network.ts). */
export interface ProfileNetworkSettings {
  proxy?: ProfileProxy;
  caFile?: string | null;
}

let defaults: NetworkDefaults = { proxy: environmentResolver(), systemStore: false, env: process.env };
const cache = new Map<string, HttpClient>();

export function configureNetwork(next: Partial<NetworkDefaults>): void {
  defaults = { ...defaults, ...next };
  for (const client of cache.values()) client.close();
  cache.clear();
}

/**
 * The client for a profile (null/undefined = the process defaults). Demo profiles talk to the bundled loopback
 * servers, which no district proxy can reach: always direct. Clients are cached so connections are reused;
 * a CA file is re-read when the settings change (a new key), or when `fresh` asks for it (verify).
 */
export function networkFor(
  settings?: ProfileNetworkSettings | null,
  opts: { demo?: boolean; fresh?: boolean } = {},
): HttpClient {
  const key = JSON.stringify([settings?.proxy ?? null, settings?.caFile ?? null, opts.demo === true]);
  const cached = cache.get(key);
  if (cached && !opts.fresh) return cached;
  cached?.close();
  const proxy = opts.demo ? directResolver : profileResolver(settings?.proxy, defaults.proxy);
  const trust = loadTrust({
    caFile: settings?.caFile ?? null,
    systemStore: defaults.systemStore,
    env: defaults.env,
  });
  const client = new HttpClient(proxy, trust);
  cache.set(key, client);
  return client;
}

/** The process default client (no profile: ad-hoc CLI targets, tests). */
export function defaultNetwork(): HttpClient {
  return networkFor(null);
}
