import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { findErrno } from '../oneroster/errors';
import { classifyCertificate, probeCertificate, type CertificateVerdict } from './certificate-probe';
import { displayProxy, type ProxyChoice, type ProxyResolver } from './proxy';
import { proxyError } from './proxy-error';
import type { Trust } from './trust';

/**
 * The one HTTP client of the OneRoster and Canvas code: axios on Node's http/https, with keep-alive agents per
 * proxy. It is shaped like `fetch` (a WHATWG Response back) so the clients keep their timeouts, cancellation
 * and streaming; what it adds is the proxy (resolved per URL) and the trusted CAs. It never follows redirects
 * (a redirect would carry a signature or a token to a URL it was not made for): the caller sees the 3xx.
 */
export interface NetworkDescription {
  proxy: string;
  proxySource: ProxyChoice['source'];
  trust: string;
}

type FetchInput = string | URL | Request;
type Agent = http.Agent;

/** Errors of the TCP connection itself: with a proxy in use, that connection is the proxy's. */
const CONNECT_ERRNOS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

export class HttpClient {
  private readonly axios: AxiosInstance;
  private readonly agents = new Map<string, Agent>();
  /** CONNECT answers that were not 200, by request (https-proxy-agent replays them as the response). */
  private readonly refusedConnects = new WeakMap<object, number>();

  constructor(
    private readonly resolveProxy: ProxyResolver,
    readonly trust: Trust,
  ) {
    this.axios = axios.create({
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'stream',
      decompress: true,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
    });
  }

  /** Which proxy and trust a request to `url` would use (verify's report). */
  async describe(url: URL): Promise<NetworkDescription> {
    const choice = await this.resolveProxy(url);
    return { proxy: displayProxy(choice.proxyUrl), proxySource: choice.source, trust: this.trust.summary };
  }

  /** After a certificate error: what the other end presented, classified (verify's CONN-TLS findings). */
  async inspectCertificate(url: URL, errno: string | undefined): Promise<CertificateVerdict | null> {
    const cert = await probeCertificate(url, this.resolveProxy);
    return cert ? classifyCertificate(cert, url.hostname, errno) : null;
  }

  /** `fetch` semantics for what the clients use: method, headers, body, signal; redirect is always manual. */
  readonly fetch = async (input: FetchInput, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init.method ?? 'GET').toUpperCase();
    const signal = init.signal ?? undefined;
    const choice = await this.resolveProxy(url);
    const agent = this.agentFor(url, choice.proxyUrl);
    const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
    let res: AxiosResponse<Readable>;
    try {
      res = await this.axios.request<Readable>({
        url: url.href,
        method,
        headers,
        data: bodyOf(init.body),
        ...(url.protocol === 'https:' ? { httpsAgent: agent } : { httpAgent: agent }),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      if (choice.proxyUrl !== null && CONNECT_ERRNOS.has(findErrno(err) ?? '')) {
        throw proxyError('PROXY_UNREACHABLE', displayProxy(choice.proxyUrl), url.host, undefined, err);
      }
      throw err;
    }
    const stream = res.data;
    if (choice.proxyUrl !== null) {
      const refused = this.refusedConnects.get(res.request as object);
      const status = refused ?? res.status;
      if (status === 407 || refused !== undefined) {
        stream.destroy();
        // Some proxies (tinyproxy) answer wrong credentials with 401 instead of 407.
        const code = status === 407 || status === 401 ? 'PROXY_AUTH_REQUIRED' : 'PROXY_CONNECT_FAILED';
        throw proxyError(code, displayProxy(choice.proxyUrl), url.host, status);
      }
    }
    return toResponse(res, stream, url, method, signal);
  };

  private agentFor(url: URL, proxyUrl: string | null): Agent {
    const secure = url.protocol === 'https:';
    const key = `${secure ? 'https' : 'http'} ${proxyUrl ?? 'direct'}`;
    let agent = this.agents.get(key);
    if (agent) return agent;
    const ca = this.trust.ca;
    const common = { keepAlive: true, ...(ca ? { ca } : {}) };
    if (proxyUrl === null) agent = secure ? new https.Agent(common) : new http.Agent({ keepAlive: true });
    else if (secure) {
      const tunnel = new HttpsProxyAgent(proxyUrl, common);
      // The agent keeps its constructor options for the proxy connection only (it resets `options`); the TLS
      // session to the server inside the tunnel takes the request's options, so the CAs go there too.
      if (ca) Object.assign(tunnel.options as object, { ca });
      tunnel.on('proxyConnect', (connect: { statusCode: number }, req: object) => {
        if (connect.statusCode !== 200) this.refusedConnects.set(req, connect.statusCode);
      });
      agent = tunnel;
    } else agent = new HttpProxyAgent(proxyUrl, common);
    this.agents.set(key, agent);
    return agent;
  }

  /** Closes idle keep-alive sockets (end of a CLI command, tests). */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}

function bodyOf(body: RequestInit['body']): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // FormData and Blob: axios streams them (multipart with its own boundary).
  return body;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

function toResponse(
  res: AxiosResponse<Readable>,
  stream: Readable,
  url: URL,
  method: string,
  signal?: AbortSignal,
): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, String(v));
    else if (value !== undefined && value !== null) headers.set(name, String(value));
  }
  let body: ReadableStream | null = null;
  if (NULL_BODY.has(res.status) || method === 'HEAD') stream.resume();
  else {
    // Cancelling after the headers arrived must also stop the body (a stalled body is a timeout too).
    if (signal) {
      const stop = (): void => {
        stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal.addEventListener('abort', stop, { once: true });
      stream.once('close', () => signal.removeEventListener('abort', stop));
    }
    body = Readable.toWeb(stream) as ReadableStream;
  }
  const response = new Response(body, { status: res.status, statusText: res.statusText ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
