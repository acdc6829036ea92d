import type { IpcError } from '../../shared/ipc/define';

/**
 * An expected failure: a stable `code` (tests and UI logic switch on it), a plain-language `message`
 * (what happened) and a `hint` (what to do). Bugs stay ordinary Errors.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceError';
    this.code = code;
    this.hint = hint;
  }

  toIpcError(): IpcError {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Duck-typed so errors from any module that follows the `{code, message, hint?}` shape are recognised. */
export function isCodedError(e: unknown): e is Error & { code: string; hint?: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}
