import { z } from 'zod';
import type { IpcError } from './define';

/**
 * Turning thrown errors into IpcError data. Only errors that declare themselves user-facing (a string `code`,
 * `message` and `hint`, the shape every service error has) cross as-is; anything else is a bug and becomes a
 * generic 'internal' error, so stacks, paths or secrets inside unexpected messages never reach the UI.
 */

export const INTERNAL_ERROR: IpcError = {
  code: 'internal',
  message: 'Something went wrong inside Roster Preflight.',
  hint: 'Try again. If it keeps happening, restart the app and send the log file to support.',
};

/** An expected failure raised by the IPC layer itself (bad URL, job already running, …). */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * Service errors (`ServiceError`, hint optional) and our own `UserFacingError`. Node system errors also carry a
 * `code` (ENOENT…) but their messages hold paths and internals, so a `code` alone is not enough.
 */
export function isUserFacingError(err: unknown): err is Error & { code: string; hint?: string } {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; hint?: unknown };
  if (typeof e.code !== 'string' || e.code.length === 0) return false;
  return typeof e.hint === 'string' || err.name === 'ServiceError' || err.name === 'UserFacingError';
}

/** "name: Name is required; oneroster.baseUrl: Enter a full http(s) URL…" (first few issues). */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

export function invalidInputError(error: z.ZodError): IpcError {
  return {
    code: 'invalid_input',
    message: `Some values are not valid: ${describeIssues(error)}.`,
    hint: 'Correct the listed fields and try again.',
  };
}

export function toIpcError(err: unknown): IpcError {
  if (err instanceof z.ZodError) return invalidInputError(err);
  if (isUserFacingError(err)) {
    return err.hint
      ? { code: err.code, message: err.message, hint: err.hint }
      : { code: err.code, message: err.message };
  }
  return INTERNAL_ERROR;
}
