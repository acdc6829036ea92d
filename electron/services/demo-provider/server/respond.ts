import type { ServerResponse } from 'node:http';
import { percentEncode } from '../../oneroster/oauth1';

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: typeof body === 'string' ? body : JSON.stringify(body), headers };
}

/**
 * Writes a reply. With `drop`, the full Content-Length is announced but only half the body is sent before the
 * socket is destroyed — what a client sees when a connection dies mid-response.
 */
export function send(res: ServerResponse, reply: Reply, drop: boolean): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    ...reply.headers,
  });
  if (!drop) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/** Query string with RFC 3986 encoding (space = %20), so clients can sign a followed Link as is. */
export function queryString(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/** RFC 8288 Link header with first/prev/next/last, keeping every other query parameter. */
export function linkHeader(
  absolutePath: string,
  params: URLSearchParams,
  offset: number,
  limit: number,
  total: number,
): string {
  const others = [...params.entries()].filter(([k]) => k !== 'offset' && k !== 'limit');
  const url = (o: number) =>
    `<${absolutePath}?${queryString([...others, ['limit', String(limit)], ['offset', String(o)]])}>`;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`${url(0)}; rel="first"`];
  if (offset > 0) links.push(`${url(Math.max(0, offset - limit))}; rel="prev"`);
  if (offset + limit < total) links.push(`${url(offset + limit)}; rel="next"`);
  links.push(`${url(lastOffset)}; rel="last"`);
  return links.join(', ');
}
