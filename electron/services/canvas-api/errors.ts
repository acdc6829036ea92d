import { ServiceError, type ErrorDetail } from '../../../shared/errors';
import { proxyHint } from '../net/proxy-error';
import { findErrno, sanitizeCause } from '../oneroster/errors';

/**
 * Canvas failures as ServiceErrors: a stable code, a plain message naming what was asked, and a hint.
 * Messages never carry the token: callers build them from paths only, and `scrub` removes it anyway.
 */
export type CanvasErrorCode =
  | 'canvas_unauthorized'
  | 'canvas_forbidden'
  | 'canvas_not_found'
  | 'canvas_bad_request'
  | 'canvas_throttled'
  | 'canvas_server_error'
  | 'canvas_unreachable'
  | 'canvas_tls'
  | 'canvas_bad_response'
  | 'canvas_cancelled';

export const CANVAS_HINTS: Record<CanvasErrorCode, string> = {
  // Where to store the new token is worded at the edges (canvas_unauthorized in the hint tables).
  canvas_unauthorized:
    'Create a new access token in Canvas (Account → Settings → Approved Integrations → New Access Token) and store it ' +
    'for this district.',
  canvas_forbidden:
    "The token's user lacks a permission. Use a token of an account admin who may read SIS data, users and " +
    'reports (and, for scoped developer keys, add the needed url:GET|/api/v1/... scopes).',
  canvas_not_found:
    'Check the Canvas URL (e.g. https://district.instructure.com) and the root account id (usually 1).',
  canvas_bad_request: 'Canvas did not accept the request. If it persists, report it with the message above.',
  canvas_throttled:
    'Canvas kept limiting requests (403 Rate Limit Exceeded). Wait a few minutes, stop other scripts that use the ' +
    'same token, or read through the provisioning report instead, which needs far fewer requests.',
  canvas_server_error:
    'Canvas had a problem answering. Try again later; if it persists, check status.instructure.com.',
  canvas_unreachable:
    'Could not reach Canvas. Check the URL, the network or VPN, and any proxy or firewall in between.',
  canvas_tls:
    "Canvas's certificate is not trusted (expired, self-signed or for another name). Check the URL; the app never " +
    'ignores certificate errors.',
  canvas_bad_response:
    'The address answered, but not like the Canvas API. Check that the Canvas URL is the site root ' +
    '(https://district.instructure.com), not a login or course page.',
  canvas_cancelled: 'Nothing more was read. Start again when ready.',
};

export function canvasError(
  code: CanvasErrorCode,
  message: string,
  opts: { hint?: string; cause?: unknown; status?: number; detail?: ErrorDetail } = {},
): ServiceError {
  const detail: ErrorDetail = {
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...opts.detail,
  };
  return new ServiceError(code, message, {
    hint: opts.hint ?? CANVAS_HINTS[code],
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
    ...(opts.cause !== undefined ? { cause: opts.cause } : {}),
  });
}

/** Canvas error bodies: `{errors:[{message}]}`, `{errors:{field:[{message}]}}`, `{message}` or `{error}`. */
export function canvasMessage(body: string): string | null {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    const errors = data.errors;
    const list: unknown[] = Array.isArray(errors)
      ? errors
      : errors && typeof errors === 'object'
        ? Object.values(errors).flat()
        : [];
    const texts = list
      .map((e) => (typeof e === 'string' ? e : (e as { message?: unknown })?.message))
      .filter((m): m is string => typeof m === 'string');
    if (texts.length > 0) return texts.join('; ').slice(0, 300);
    for (const k of ['message', 'error'] as const)
      if (typeof data[k] === 'string') return data[k].slice(0, 300);
  } catch {
    // not JSON: no message to show
  }
  return null;
}

export function isRateLimited(status: number, body: string): boolean {
  return status === 429 || (status === 403 && /rate limit exceeded/i.test(body));
}

/** The error for a final (non-retried) HTTP status. */
export function httpError(status: number, body: string, what: string): ServiceError {
  const said = canvasMessage(body);
  const detail = said ? `: "${said}"` : '';
  if (status === 401) {
    // Canvas answers 401 both for a bad token and for a scoped developer key without the needed scope.
    if (said && /scope/i.test(said)) {
      return canvasError('canvas_forbidden', `The Canvas token may not ${what} (HTTP 401${detail}).`, {
        status,
      });
    }
    return canvasError('canvas_unauthorized', `Canvas did not accept the access token (HTTP 401${detail}).`, {
      status,
    });
  }
  if (status === 403)
    return canvasError('canvas_forbidden', `Canvas refused to ${what} (HTTP 403${detail}).`, { status });
  if (status === 404)
    return canvasError('canvas_not_found', `Canvas does not know ${what} (HTTP 404${detail}).`, { status });
  if (status >= 500)
    return canvasError('canvas_server_error', `Canvas failed to ${what} (HTTP ${status}${detail}).`, {
      status,
    });
  if (status >= 300 && status < 400) {
    return canvasError('canvas_bad_response', `Canvas redirected the request to ${what} (HTTP ${status}).`, {
      status,
    });
  }
  return canvasError(
    'canvas_bad_request',
    `Canvas did not accept the request to ${what} (HTTP ${status}${detail}).`,
    {
      status,
    },
  );
}

const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO)/;

/** A failed connection (no HTTP answer). `retryable`: worth another attempt (resets, timeouts). */
export function connectionError(
  err: unknown,
  host: string,
  timedOut: boolean,
): { error: ServiceError; retryable: boolean } {
  const errno = findErrno(err);
  const cause = sanitizeCause(err);
  if (timedOut) {
    return {
      error: canvasError('canvas_unreachable', `Canvas at ${host} did not answer in time.`, { cause }),
      retryable: true,
    };
  }
  if (errno?.startsWith('PROXY_')) {
    return {
      error: canvasError('canvas_unreachable', (err as Error).message, { cause, hint: proxyHint(errno) }),
      retryable: false,
    };
  }
  if (errno === 'ERR_PREFLIGHT_CA_FILE') {
    return { error: canvasError('canvas_tls', (err as Error).message, { cause }), retryable: false };
  }
  if (errno && TLS_CODE.test(errno)) {
    return {
      error: canvasError('canvas_tls', `The secure connection to ${host} failed (${errno}).`, { cause }),
      retryable: false,
    };
  }
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || errno === 'EAI_NONAME') {
    return {
      error: canvasError('canvas_unreachable', `The host name "${host}" could not be found (${errno}).`, {
        cause,
        hint: 'Check the spelling of the Canvas URL and that this computer is on the right network.',
      }),
      retryable: false,
    };
  }
  if (errno === 'ECONNREFUSED') {
    return {
      error: canvasError('canvas_unreachable', `${host} refused the connection.`, { cause }),
      retryable: false,
    };
  }
  return {
    error: canvasError('canvas_unreachable', `Could not talk to ${host}${errno ? ` (${errno})` : ''}.`, {
      cause,
    }),
    retryable: true,
  };
}

/** Defence in depth: removes the token from every text of the error (message, hint, stack, cause). */
export function scrub<E extends Error>(err: E, secret: string): E {
  if (secret.length < 4) return err;
  const clean = (t: string): string => t.split(secret).join('[REDACTED]');
  err.message = clean(err.message);
  if (err.stack) err.stack = clean(err.stack);
  const e = err as unknown as { hint?: string; cause?: { message?: unknown } };
  if (typeof e.hint === 'string') Object.assign(err, { hint: clean(e.hint) });
  if (e.cause && typeof e.cause.message === 'string') e.cause.message = clean(e.cause.message);
  return err;
}
