import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaselineRows } from './generate-baseline';
import { CanvasIndex, readRoutes } from './read-routes';
import { PUBLIC_PATH, reportRoutes, type ReportStats } from './report-routes';
import type { CanvasRequest, CanvasResponse, CanvasRoute } from './route';
import { Throttle, type ThrottleOptions } from './throttle';

/**
 * A Canvas API test double on 127.0.0.1 (tests, benchmarks, the demo): bearer-token auth answered like Canvas,
 * throttling, the read APIs and the provisioning report over a generated baseline, plus any extra routes
 * (SIS imports live in their own module and come in through `extraRoutes`).
 */

export interface CanvasDoubleOptions {
  baseline: BaselineRows;
  token: string;
  rootAccountId?: string;
  /** Added to every answer. */
  latencyMs?: number;
  throttle?: ThrottleOptions;
  /** Checked before the built-in routes. */
  extraRoutes?: CanvasRoute[];
  reportDelayMs?: number;
  reportFail?: boolean;
  /** Largest request body accepted; default 64 MB (SIS import zips). */
  maxBodyBytes?: number;
}

export interface CanvasDoubleStats {
  requests: number;
  byPath: Record<string, number>;
  throttled: number;
  unauthorized: number;
  /** Highest number of requests in progress at once. */
  maxInFlight: number;
  reports: ReportStats;
}

export interface RunningCanvasDouble {
  url: string;
  rootAccountId: string;
  stats: CanvasDoubleStats;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: CanvasResponse): void {
  const headers: Record<string, string> = { ...reply.headers };
  let body: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) body = reply.body;
  else if (reply.body !== undefined) {
    body = Buffer.from(JSON.stringify(reply.body));
    headers['Content-Type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) });
  res.end(body);
}

/** Path with ids folded, for per-endpoint request counts. */
function pathKey(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id');
}

export async function startCanvasDouble(opts: CanvasDoubleOptions): Promise<RunningCanvasDouble> {
  const rootId = opts.rootAccountId ?? '1';
  const index = new CanvasIndex(opts.baseline, rootId);
  const report = reportRoutes(opts.baseline, rootId, {
    ...(opts.reportDelayMs !== undefined ? { delayMs: opts.reportDelayMs } : {}),
    ...(opts.reportFail ? { fail: true } : {}),
  });
  const extraRoutes = new Set(opts.extraRoutes ?? []);
  const routes = [...extraRoutes, ...readRoutes(index), ...report.routes];
  // An extra route (SIS imports) may have changed the rows: the read APIs look them up again before answering.
  let rowsMayHaveChanged = false;
  const throttle = new Throttle(opts.throttle);
  const stats: CanvasDoubleStats = {
    requests: 0,
    byPath: {},
    throttled: 0,
    unauthorized: 0,
    maxInFlight: 0,
    reports: report.stats,
  };
  let inFlight = 0;
  let origin = '';

  async function handle(req: IncomingMessage): Promise<CanvasResponse> {
    const url = new URL(req.url ?? '/', origin);
    stats.requests++;
    const key = `${req.method} ${pathKey(url.pathname)}`;
    stats.byPath[key] = (stats.byPath[key] ?? 0) + 1;
    const body = await readBody(req, opts.maxBodyBytes ?? 64 * 2 ** 20);
    if (opts.latencyMs) await sleep(opts.latencyMs);
    if (!PUBLIC_PATH.test(url.pathname)) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (bearer?.[1] !== opts.token) {
        stats.unauthorized++;
        return {
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer realm="canvas-lms"' },
          body: { errors: [{ message: 'Invalid access token.' }] },
        };
      }
      const t = throttle.check();
      if (t.throttled) {
        stats.throttled++;
        // Canvas answers throttling with a plain-text 403 body.
        return {
          status: 403,
          headers: { ...t.headers, 'Content-Type': 'text/plain' },
          body: Buffer.from('403 Forbidden (Rate Limit Exceeded)\n'),
        };
      }
      const reply = await route(req, url, body);
      return { ...reply, headers: { ...t.headers, ...reply.headers } };
    }
    return route(req, url, body);
  }

  async function route(req: IncomingMessage, url: URL, body: Buffer): Promise<CanvasResponse> {
    const request: CanvasRequest = { method: req.method ?? 'GET', url, headers: req.headers, body };
    for (const r of routes) {
      if (r.method !== request.method) continue;
      const m = r.path.exec(url.pathname);
      if (!m) continue;
      const extra = extraRoutes.has(r);
      if (!extra && rowsMayHaveChanged) {
        index.refresh();
        rowsMayHaveChanged = false;
      }
      const reply = await r.handle(request, m.slice(1));
      if (extra) rowsMayHaveChanged = true;
      if (reply !== null) return reply;
    }
    return { status: 404, body: { errors: [{ message: 'The specified resource does not exist.' }] } };
  }

  const server = createServer((req, res) => {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    handle(req)
      .then((reply) => send(res, reply))
      .catch((err: unknown) => {
        send(res, {
          status: 500,
          body: { errors: [{ message: `double: ${String((err as Error)?.message ?? err)}` }] },
        });
      })
      .finally(() => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    rootAccountId: rootId,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      report.close();
    },
  };
}
