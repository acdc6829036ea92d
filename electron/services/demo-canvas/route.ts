import type { IncomingHttpHeaders } from 'node:http';

/**
 * The Canvas test double's routing contract. The server (server.ts) checks the bearer token and applies
 * throttling before any route runs; routes only see authorised requests. Feature areas (read API, account
 * reports, SIS imports) each export their routes so they stay in separate modules.
 */
export interface CanvasRequest {
  method: string;
  /** Absolute URL as the client sent it (origin = the double's own http://127.0.0.1:PORT). */
  url: URL;
  headers: IncomingHttpHeaders;
  /** Raw request body (multipart or zip uploads included); empty for GET. */
  body: Buffer;
}

export interface CanvasResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a Buffer (file downloads). */
  body?: unknown;
}

export interface CanvasRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the URL pathname; capture groups are passed as `params`. */
  path: RegExp;
  /** null = not this route's resource (e.g. another module's file id): the next matching route answers. */
  handle(req: CanvasRequest, params: string[]): CanvasResponse | null | Promise<CanvasResponse | null>;
}
