import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  hmacSignature,
  parseAuthorizationHeader,
  signatureBaseString,
  type OAuth1Method,
} from '../../../electron/services/oneroster/oauth1';

/**
 * A tiny real HTTP server on 127.0.0.1 (random port) for the client tests. It records every request and
 * verifies OAuth 1 signatures independently of the client, with the RFC functions of oauth1.ts applied to
 * what actually arrived on the wire (raw query string decoded by the server, not by the client).
 */
export interface Seen {
  method: string;
  path: string;
  /** Decoded query parameters as the server reads them. */
  query: URLSearchParams;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Return values are ignored (handlers often `return res.end()` or `return socket.destroy()`). */
export type Handler = (req: Seen, res: http.ServerResponse, raw: http.IncomingMessage) => unknown;

export interface TestServer {
  origin: string;
  base: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startServer(
  handler: Handler,
  opts: { basePath?: string; tls?: { key: string; cert: string } } = {},
): Promise<TestServer> {
  const seen: Seen[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const rawQuery = q >= 0 ? target.slice(q + 1) : '';
      const s: Seen = {
        method: req.method ?? 'GET',
        path: q >= 0 ? target.slice(0, q) : target,
        query: new URLSearchParams(rawQuery),
        rawQuery,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      Promise.resolve(handler(s, res, req)).catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, { error: String(err) });
      });
    });
  };
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener)
    : http.createServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    base: `${origin}${opts.basePath ?? '/ims/oneroster/v1p1'}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

export interface OAuth1Check {
  ok: boolean;
  reason: string;
  params: Record<string, string> | null;
  baseString?: string;
}

/**
 * Server-side OAuth 1.0a verification: recomputes the signature over the request as received
 * (origin + path, every decoded query parameter, every oauth_* parameter except the signature).
 */
export function verifyOAuth1(
  s: Seen,
  origin: string,
  consumerKey: string,
  consumerSecret: string,
): OAuth1Check {
  const params = parseAuthorizationHeader(s.headers.authorization);
  if (!params) return { ok: false, reason: 'no OAuth header', params: null };
  if (params.oauth_consumer_key !== consumerKey) return { ok: false, reason: 'unknown consumer key', params };
  const method = params.oauth_signature_method as OAuth1Method;
  if (method !== 'HMAC-SHA256' && method !== 'HMAC-SHA1') return { ok: false, reason: 'bad method', params };
  const { oauth_signature: signature, realm: _realm, ...rest } = params;
  const all: Array<[string, string]> = [...s.query.entries(), ...Object.entries(rest)];
  const baseString = signatureBaseString(s.method, new URL(`${origin}${s.path}`), all);
  const expected = hmacSignature(baseString, method, consumerSecret);
  return expected === signature
    ? { ok: true, reason: 'ok', params, baseString }
    : { ok: false, reason: 'signature mismatch', params, baseString };
}

/** A 401 in the 1.1 statusInfoSet shape. */
export function unauthorised(res: http.ServerResponse, description: string): void {
  json(res, 401, {
    statusInfoSet: [
      {
        imsx_codeMajor: 'failure',
        imsx_severity: 'error',
        imsx_description: description,
        imsx_CodeMinor: {
          imsx_codeMinorField: [
            { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'unauthorisedrequest' },
          ],
        },
      },
    ],
  });
}
