import { getProxyForUrl } from 'proxy-from-env';

/**
 * Which proxy a request goes through. Resolvers are plain functions so the services never import Electron:
 * the CLI resolves from HTTPS_PROXY / HTTP_PROXY / NO_PROXY, the app hands in one that asks Electron's session
 * (the operating system's settings, PAC and WPAD included), and a profile can override either.
 */
export type ProxySource = 'environment' | 'system' | 'profile' | 'none';

export interface ProxyChoice {
  /** http(s)://[user:password@]host:port, or null to connect directly. */
  proxyUrl: string | null;
  /** Where the choice came from, for verify's report. */
  source: ProxySource;
}

export type ProxyResolver = (target: URL) => Promise<ProxyChoice>;

export const directResolver: ProxyResolver = () => Promise.resolve({ proxyUrl: null, source: 'none' });

/** curl's conventions (lower case wins, NO_PROXY with suffixes, ports and `*`), as the proxy-from-env package reads them. */
export function environmentResolver(env: NodeJS.ProcessEnv = process.env): ProxyResolver {
  return (target) => {
    const proxy = withEnv(env, () => getProxyForUrl(target.href));
    return Promise.resolve({
      proxyUrl: proxy === '' ? null : normaliseProxyUrl(proxy),
      source: 'environment',
    });
  };
}

const PROXY_VARS = [
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
  'npm_config_proxy',
  'npm_config_https_proxy',
];

/**
 * proxy-from-env reads process.env, and gives a scheme-less `proxy:3128` the TARGET's scheme (https://proxy:3128
 * for an https site, which no HTTP proxy answers): run it over a copy with http:// added, as curl does.
 */
function withEnv<T>(env: NodeJS.ProcessEnv, run: () => T): T {
  const names = PROXY_VARS.flatMap((k) => [k, k.toUpperCase()]);
  const saved = new Map(names.map((n) => [n, process.env[n]]));
  try {
    for (const n of names) {
      const v = env[n];
      if (v === undefined || v.trim() === '') delete process.env[n];
      else process.env[n] = n.toLowerCase() === 'no_proxy' ? v : normaliseProxyUrl(v);
    }
    return run();
  } finally {
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
}

/** `proxy:3128` (no scheme, as some users set HTTPS_PROXY) means http://proxy:3128. */
export function normaliseProxyUrl(value: string): string {
  const v = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
}

/**
 * Chromium's answer for a URL ("PROXY host:port; HTTPS host:port; DIRECT") → the first proxy we can use.
 * SOCKS entries are skipped (the district proxies this app meets are HTTP proxies); DIRECT or nothing = none.
 */
export function parsePacResult(pac: string): string | null {
  for (const raw of pac.split(';')) {
    const entry = raw.trim();
    if (entry === '' || /^DIRECT$/i.test(entry)) return null;
    const m = /^(PROXY|HTTPS|HTTP)\s+(\S+)$/i.exec(entry);
    if (!m) continue;
    const scheme = m[1]!.toUpperCase() === 'HTTPS' ? 'https' : 'http';
    return `${scheme}://${m[2]}`;
  }
  return null;
}

/** The app's resolver: `resolve` is Electron's `session.resolveProxy` (the OS settings, PAC/WPAD included). */
export function systemResolver(resolve: (url: string) => Promise<string>): ProxyResolver {
  return async (target) => ({ proxyUrl: parsePacResult(await resolve(target.href)), source: 'system' });
}

/** The proxy part of a profile's network settings. */
export type ProfileProxy = { mode: 'auto' } | { mode: 'none' } | { mode: 'manual'; url: string };

/** A profile's override on top of the process's resolver ('auto' = the OS settings in the app, the environment in the CLI). */
export function profileResolver(setting: ProfileProxy | undefined, fallback: ProxyResolver): ProxyResolver {
  if (setting === undefined || setting.mode === 'auto') return fallback;
  if (setting.mode === 'none') return () => Promise.resolve({ proxyUrl: null, source: 'profile' });
  const url = normaliseProxyUrl(setting.url);
  return () => Promise.resolve({ proxyUrl: url, source: 'profile' });
}

/** A proxy URL fit to show: never the user name or password. */
export function displayProxy(proxyUrl: string | null): string {
  if (proxyUrl === null) return 'none (direct connection)';
  try {
    const u = new URL(proxyUrl);
    const auth = u.username || u.password ? ' (with credentials)' : '';
    return `${u.protocol}//${u.host}${auth}`;
  } catch {
    return 'an invalid proxy address';
  }
}
