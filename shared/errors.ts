import { z } from 'zod';

/**
 * The one error type of the project (docs/architecture.md, "Errors"). An expected failure is a ServiceError:
 * a stable `code` (tests, UI logic and the hint tables switch on it), a plain-language `message` (what happened)
 * and optional `detail` (facts as data: HTTP status, profile name, field errors…). Recognise it with `instanceof
 * ServiceError` and its code, never by `name`. Bugs stay ordinary Errors and are never shown as they are.
 *
 * What to do about it (the hint) is worded at the edges, keyed by code: `electron/cli/hints.ts` for the CLI,
 * `electron/main/ipc/hints.ts` for the app. `hint` here is only a neutral fallback for codes the tables do not
 * list yet; it must never name a CLI command or an app screen.
 *
 * It crosses IPC and worker threads as ErrorData, converted in one place each way (toErrorData/fromErrorData).
 */
export type DetailScalar = string | number | boolean | null;
/** Two levels at most (a list, or a map such as field → message): plain JSON, and shallow types for tooling. */
export type DetailValue = DetailScalar | DetailScalar[] | { [key: string]: DetailScalar | DetailScalar[] };
export type ErrorDetail = { [key: string]: DetailValue };

export interface ErrorData {
  code: string;
  message: string;
  hint?: string;
  detail?: ErrorDetail;
}

export interface ServiceErrorOptions {
  detail?: ErrorDetail;
  cause?: unknown;
  /** Neutral fallback wording (no CLI commands, no app screens); prefer an entry in the edge hint tables. */
  hint?: string;
}

export class ServiceError extends Error {
  readonly code: string;
  hint: string | undefined;
  readonly detail: ErrorDetail | undefined;

  /**
   * `new ServiceError(code, message, { detail })`. The older `(code, message, hint, { cause, detail })` form is
   * still accepted while hints move to the edge tables.
   */
  constructor(code: string, message: string, options?: ServiceErrorOptions);
  constructor(code: string, message: string, hint: string | undefined, options?: ServiceErrorOptions);
  constructor(
    code: string,
    message: string,
    hintOrOptions?: string | ServiceErrorOptions,
    options?: ServiceErrorOptions,
  ) {
    const opts: ServiceErrorOptions =
      typeof hintOrOptions === 'object'
        ? hintOrOptions
        : { ...options, hint: hintOrOptions ?? options?.hint };
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'ServiceError';
    this.code = code;
    this.hint = opts.hint;
    this.detail = opts.detail;
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

/** `e` is a ServiceError (with one of `codes`, when given). */
export function isServiceError(e: unknown, ...codes: string[]): e is ServiceError {
  return e instanceof ServiceError && (codes.length === 0 || codes.includes(e.code));
}

/** A string fact from `detail` (undefined when absent or not a string). */
export function detailString(e: { detail?: ErrorDetail | undefined }, key: string): string | undefined {
  const v = e.detail?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A number fact from `detail` (undefined when absent or not a number). */
export function detailNumber(e: { detail?: ErrorDetail | undefined }, key: string): number | undefined {
  const v = e.detail?.[key];
  return typeof v === 'number' ? v : undefined;
}

/**
 * Any Error with a string `code`, including Node system errors (ENOENT, EACCES…). Expected failures are
 * ServiceErrors: test those with `instanceof ServiceError` / isServiceError. This is for last-resort printers only.
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
 * A thrown value as ErrorData, for the UI (`to: 'ui'`, the default) or for the host of a worker thread
 * (`to: 'thread'`). A ServiceError crosses as it is and invalid input names its fields. Anything else is a bug:
 * for the UI it becomes INTERNAL_ERROR, so stacks, paths or secrets inside unexpected messages never reach it;
 * towards a thread's host it keeps its message under code `internal`, so the host can say what stopped.
 */
export function toErrorData(err: unknown, to: 'ui' | 'thread' = 'ui'): ErrorData {
  if (err instanceof z.ZodError) return invalidInputError(err);
  if (err instanceof ServiceError) return err.toData();
  if (to === 'thread') {
    return { code: INTERNAL_ERROR.code, message: err instanceof Error ? err.message : String(err) };
  }
  return INTERNAL_ERROR;
}

/** The other direction: ErrorData (from a worker thread, IPC, or a stored record) as a throwable ServiceError. */
export function fromErrorData(data: ErrorData): ServiceError {
  return new ServiceError(data.code, data.message, {
    ...(data.hint !== undefined ? { hint: data.hint } : {}),
    ...(data.detail !== undefined ? { detail: data.detail } : {}),
  });
}
