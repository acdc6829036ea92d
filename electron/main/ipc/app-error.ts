import type { ErrorData, ErrorDetail } from '../../../shared/errors';
import { toErrorData } from '../../../shared/errors';
import { redact } from '../../services/logging/redact';
import { appHint } from './hints';

/**
 * A thrown value as the renderer sees it (IPC results and job events): toErrorData, the app's hint for the code
 * (hints.ts), and every text redacted. Service messages are written to be safe; redacting anyway means a
 * registered secret can never ride along.
 */
export function toAppError(err: unknown): ErrorData {
  return forApp(toErrorData(err));
}

/** ErrorData already made (a cancellation, invalid input) in the app's words. */
export function forApp(data: ErrorData): ErrorData {
  const hint = appHint(data);
  return {
    code: data.code,
    message: redact(data.message),
    ...(hint ? { hint: redact(hint) } : {}),
    ...(data.detail !== undefined ? { detail: redactDetail(data.detail) } : {}),
  };
}

function redactDetail(detail: ErrorDetail): ErrorDetail {
  const clean = <T>(v: T): T => (typeof v === 'string' ? (redact(v) as T) : v);
  const out: ErrorDetail = {};
  for (const [key, value] of Object.entries(detail)) {
    out[key] = Array.isArray(value)
      ? value.map(clean)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.map(clean) : clean(v)]),
          )
        : clean(value);
  }
  return out;
}
