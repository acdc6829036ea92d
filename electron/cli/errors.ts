import { CommanderError } from 'commander';
import { isCodedError, ServiceError } from '../../shared/errors';
import { cliHint } from './hints';
import { redact } from '../services/logging/redact';

/** Exit codes (docs/architecture.md, "Processes"): 0 ready, 1 findings at/above --fail-on, 2 usage or connection error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
/** `sync`: Canvas imported, but did something the preview did not predict (a missed prediction). */
export const EXIT_MISSED = 3;
/** Conventional 128 + SIGINT. */
export const EXIT_CANCELLED = 130;

/** The command line was wrong (exit 2). Written here, at the edge, so its hint may name flags. */
export function usageError(message: string, hint: string): ServiceError {
  return new ServiceError('usage', message, { hint });
}

/** Ctrl-C while the CLI waited (exit 130). */
export function cancelledError(): ServiceError {
  return new ServiceError('cancelled', 'Cancelled.', {
    hint: 'Nothing was changed by the interrupted step.',
  });
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  if (error instanceof ServiceError && error.code === 'cancelled') return EXIT_CANCELLED;
  return EXIT_ERROR;
}

/**
 * The text shown on stderr for a failure: message and hint, never a stack (unless PREFLIGHT_DEBUG is set).
 * Commander has already printed its own usage errors, so those render as nothing.
 */
export function renderError(error: unknown, debug = false): string {
  if (error instanceof CommanderError) return '';
  if (error instanceof ServiceError) {
    const hint = cliHint(error.toData());
    return redact(`error (${error.code}): ${error.message}${hint ? `\n  hint: ${hint}` : ''}\n`);
  }
  // A Node system error (ENOENT, EACCES…) that no service turned into a ServiceError: its code says enough.
  if (isCodedError(error)) return redact(`error (${error.code}): ${error.message}\n`);
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  const message = error instanceof Error ? error.message : String(error);
  return redact(
    `error (internal): ${message}${detail}\n  hint: This is a bug in Roster Preflight; ` +
      'run again with PREFLIGHT_DEBUG=1 and send the output to support.\n',
  );
}
