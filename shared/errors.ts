import { z } from 'zod';

/**
 * The one kind of expected failure, thrown by services and shown by the app and the CLI: a stable `code` (tests
 * and UI logic switch on it), a plain-language `message` (what happened), and optionally a `hint` (what to do)
 * and a `detail` (facts for support). Bugs stay ordinary Errors and are never shown as they are.
 *
 * It crosses IPC and worker threads as ErrorData, converted in one place each way (toErrorData/fromErrorData).
 */
export interface ErrorData {
  code: string;
  message: string;
  hint?: string;
  detail?: string;
}

export class ServiceError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly detail: string | undefined;

  constructor(code: string, message: string, hint?: string, options?: { cause?: unknown; detail?: string }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'ServiceError';
    this.code = code;
    this.hint = hint;
    this.detail = options?.detail;
  }

  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint !== undefined ? { hint: this.hint } : {}),
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
    };
  }
}

/**
 * Any Error with a string `code`. Prefer `instanceof ServiceError`; this also recognises the few coded errors
 * that are not (yet) ServiceErrors (network and proxy failures) where a caller only branches on the code.
 */
export function isCodedError(e: unknown): e is Error & { code: string; hint?: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

export const INTERNAL_ERROR: ErrorData = {
  code: 'internal',
  message: 'Something went wrong inside Roster Preflight.',
  hint: 'Try again. If it keeps happening, restart the app and send the log file to support.',
};

/** "name: Name is required; oneroster.baseUrl: Enter a full http(s) URL…" (first few issues). */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

export function invalidInputError(error: z.ZodError): ErrorData {
  return {
    code: 'invalid_input',
    message: `Some values are not valid: ${describeIssues(error)}.`,
    hint: 'Correct the listed fields and try again.',
  };
}

/**
 * A thrown value as ErrorData for the UI or another thread. A ServiceError (or a coded error with a hint) crosses
 * as it is; invalid input names its fields; anything else is a bug and becomes INTERNAL_ERROR, so stacks, paths
 * or secrets inside unexpected messages never reach the UI. (Node system errors carry a `code` too, ENOENT…,
 * but no hint: their messages hold paths and internals.)
 */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof z.ZodError) return invalidInputError(err);
  if (err instanceof ServiceError) return err.toData();
  if (isCodedError(err) && err.code.length > 0 && typeof err.hint === 'string') {
    return { code: err.code, message: err.message, hint: err.hint };
  }
  return INTERNAL_ERROR;
}

/** The other direction: ErrorData from a worker thread (or a stored record) as a throwable ServiceError. */
export function fromErrorData(data: ErrorData): ServiceError {
  return new ServiceError(
    data.code,
    data.message,
    data.hint,
    data.detail !== undefined ? { detail: data.detail } : undefined,
  );
}
