import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDistrict, isGeneratedDistrict } from '../district/generate';
import type { ProviderOptions, ProviderStats, RunningProvider } from '../types';
import { collectionReply, ResultCache, singletonReply } from './data-handler';
import { DistrictIndex } from './district-index';
import { apiError, apiErrorReply, statusInfo } from './errors';
import type { ServiceError } from '../../../../shared/errors';
import type { RequestPaths } from './faults';
import { FaultEngine } from './faults';
import type { OAuth1Config } from './oauth1-verify';
import { NonceStore, verifyOAuth1 } from './oauth1-verify';
import { TokenIssuer, V1P1_SCOPES } from './oauth2';
import type { Reply } from './respond';
import { jsonReply, send } from './respond';
import { V1P2_BASE_PATH } from './v1p2';
import { resolveRoute, segmentsOf, templateOf } from './routes';

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function errorReply(e: ServiceError): Reply {
  const r = apiErrorReply(e)!;
  return jsonReply(r.status, r.body, r.headers);
}

/**
 * Starts a OneRoster 1.1 REST provider on 127.0.0.1: signed (OAuth 1.0a) or bearer (OAuth 2) GETs over a
 * generated district, with paging, filter/sort/fields, nested endpoints and switchable faults.
 */
export async function startProvider(opts: ProviderOptions = {}): Promise<RunningProvider> {
  if (opts.host !== undefined && opts.host !== '127.0.0.1') {
    throw new Error(`The demo provider only listens on 127.0.0.1 (got host "${String(opts.host)}").`);
  }
  const version = opts.version ?? '1.1';
  const basePath = (opts.basePath ?? (version === '1.2' ? V1P2_BASE_PATH : '/ims/oneroster/v1p1')).replace(
    /\/+$/,
    '',
  );
  const auth = opts.auth ?? {};
  const tokenPath = auth.oauth2?.tokenPath ?? '/oauth/token';
  const clientId = auth.clientId ?? 'demo-client';
  const clientSecret = auth.clientSecret ?? randomBytes(18).toString('base64url');
  const districtOpt = opts.district ?? { preset: 'small' as const };
  const district = isGeneratedDistrict(districtOpt) ? districtOpt : generateDistrict(districtOpt);
  const maxLimit = opts.maxLimit ?? 10_000;

  const idx = new DistrictIndex(district);
  const faults = new FaultEngine(opts.faults ?? {});
  const cache = new ResultCache();
  const nonces = new NonceStore();
  const oauth1: OAuth1Config = {
    clientId,
    clientSecret,
    methods: auth.oauth1Methods ?? ['HMAC-SHA256', 'HMAC-SHA1'],
    timestampWindowSec: auth.timestampWindowSec ?? 300,
  };
  const issuer = new TokenIssuer({
    clientId,
    clientSecret,
    acceptedScopes: auth.oauth2?.acceptedScopes ?? (version === '1.2' ? 'any' : V1P1_SCOPES),
    tokenTtlSec: auth.oauth2?.tokenTtlSec ?? 3600,
    enforceScopes: auth.oauth2?.enforceScopes ?? false,
  });
  const stats: ProviderStats = {
    requests: 0,
    byPath: {},
    served429: 0,
    served5xx: 0,
    dropped: 0,
    authFailures: 0,
  };
  let origin = '';

  /** Authenticates a data request; returns a 401 reply, or the bearer token (null for OAuth 1). */
  function authenticate(req: IncomingMessage, url: URL, nowMs: number): Reply | { bearer: string | null } {
    const header = req.headers.authorization;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (bearer) {
      const check = issuer.check(bearer[1]!, nowMs, null);
      return check.ok ? { bearer: bearer[1]! } : unauthorised(check.reason, 'Bearer realm="oneroster"');
    }
    if (version === '1.2') {
      return unauthorised('OneRoster 1.2 accepts only OAuth 2 bearer tokens.', 'Bearer realm="oneroster"');
    }
    const result = verifyOAuth1(req.method ?? 'GET', url, header, oauth1, nonces, nowMs);
    return result.ok ? { bearer: null } : unauthorised(result.reason, 'OAuth realm="oneroster"');
  }

  function unauthorised(reason: string, challenge: string): Reply {
    stats.authFailures++;
    return errorReply(apiError(401, 'unauthorisedrequest', reason, { 'www-authenticate': challenge }));
  }

  async function dataReply(
    req: IncomingMessage,
    url: URL,
    paths: RequestPaths,
    segs: string[],
    nowMs: number,
  ): Promise<Reply> {
    if (req.method !== 'GET') {
      return errorReply(
        apiError(
          405,
          'unsupportedoperation',
          `${req.method} is not supported; rostering endpoints are read-only (GET).`,
          { allow: 'GET' },
        ),
      );
    }
    const who = authenticate(req, url, nowMs);
    if ('status' in who) return who;
    if (faults.isForbidden(paths)) {
      return errorReply(
        apiError(
          403,
          'forbidden',
          `Access to ${paths.rel} is not permitted for this client (district sharing settings).`,
        ),
      );
    }
    if (faults.isNotFound(paths))
      return errorReply(apiError(404, 'unknownobject', `${paths.rel} is not available on this server.`));
    const target = resolveRoute(idx, segs);
    if (who.bearer) {
      const scoped = issuer.check(who.bearer, nowMs, target.scope);
      if (!scoped.ok)
        return errorReply(
          apiError(scoped.status, scoped.status === 403 ? 'forbidden' : 'unauthorisedrequest', scoped.reason),
        );
    }
    const d = {
      idx,
      faults,
      cache,
      ctx: { baseUrl: origin + basePath },
      maxLimit,
      absolutePath: origin + url.pathname,
      params: url.searchParams,
      paths: { ...paths, template: target.template },
      version,
    };
    return target.kind === 'collection' ? collectionReply(d, target) : singletonReply(d, target);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? origin.slice('http://'.length)}`);
    const pathname = url.pathname;
    const isToken = pathname === tokenPath;
    const underBase = pathname === basePath || pathname.startsWith(basePath + '/');
    const rel = underBase ? pathname.slice(basePath.length) || '/' : pathname;
    stats.byPath[rel] = (stats.byPath[rel] ?? 0) + 1;
    const nowMs = Date.now() + faults.skewMs();
    res.setHeader('date', new Date(nowMs).toUTCString());
    const latency = faults.current.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);

    let reply: Reply;
    let drop = false;
    try {
      const segs = underBase ? segmentsOf(rel) : [];
      const paths: RequestPaths = { rel, template: underBase ? templateOf(segs) : pathname, full: pathname };
      const decision = underBase || isToken ? faults.decide(paths, isToken) : { kind: 'none' as const };
      if (decision.kind === '429') {
        stats.served429++;
        const headers: Record<string, string> =
          decision.retryAfterSec !== undefined ? { 'retry-after': String(decision.retryAfterSec) } : {};
        reply = errorReply(
          apiError(429, 'server_busy', 'Too many requests: slow down and retry after a pause.', headers),
        );
      } else if (decision.kind === '5xx') {
        stats.served5xx++;
        const busy = decision.status === 503;
        reply = errorReply(
          apiError(
            decision.status,
            busy ? 'server_busy' : 'internal_server_error',
            busy ? 'Service temporarily unavailable.' : 'Internal server error.',
          ),
        );
      } else {
        drop = decision.kind === 'drop';
        if (isToken) {
          if (req.method !== 'POST') {
            reply = jsonReply(
              405,
              { error: 'invalid_request', error_description: 'Use POST for the token endpoint.' },
              { allow: 'POST' },
            );
          } else {
            const token = issuer.issue(req.headers.authorization, await readBody(req), nowMs);
            if (token.status === 401) stats.authFailures++;
            reply = jsonReply(token.status, token.body, token.headers);
          }
        } else if (!underBase) {
          reply = errorReply(
            apiError(404, 'unknownobject', `Nothing here: the OneRoster base path is ${basePath}.`),
          );
        } else {
          reply = await dataReply(req, url, paths, segs, nowMs);
        }
      }
    } catch (e) {
      const failed = apiErrorReply(e);
      reply = failed
        ? jsonReply(failed.status, failed.body, failed.headers)
        : jsonReply(500, {
            statusInfoSet: [statusInfo('internal_server_error', 'Internal server error.')],
          });
      if (!failed) console.error('[demo-provider]', e);
    }
    if (drop) stats.dropped++;
    send(res, reply, drop);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[demo-provider]', e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    baseUrl: origin + basePath,
    tokenUrl: origin + tokenPath,
    clientId,
    clientSecret,
    district,
    setFaults: (f) => faults.set(f),
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
