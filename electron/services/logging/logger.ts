import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Same sinks, lines tagged `[scope]`. */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** Append lines to this file (created with mode 0600, rotated once past `maxBytes`). */
  file?: string;
  /** Also write lines here (e.g. `(l) => process.stderr.write(l)`). */
  stderr?: (line: string) => void;
  level?: LogLevel;
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** A tiny synchronous logger: every line passes through `redact` before it reaches any sink. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  let fileOk = options.file !== undefined && prepareFile(options.file, options.maxBytes ?? DEFAULT_MAX_BYTES);

  const write = (level: LogLevel, scope: string | undefined, message: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line = redact(formatLine(level, scope, message, fields));
    if (fileOk && options.file) {
      try {
        appendFileSync(options.file, line, { mode: 0o600 });
      } catch {
        // A full disk or a read-only data dir must not break the operation being logged.
        fileOk = false;
      }
    }
    options.stderr?.(line);
  };

  const make = (scope: string | undefined): Logger => ({
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
    child: (s) => make(scope ? `${scope}.${s}` : s),
  });
  return make(undefined);
}

function prepareFile(file: string, maxBytes: number): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    // One generation of history is enough to attach to a support ticket.
    if (size > maxBytes) renameSync(file, `${file}.1`);
    return true;
  } catch {
    return false;
  }
}

function formatLine(level: LogLevel, scope: string | undefined, message: string, fields?: LogFields): string {
  const parts = [new Date().toISOString(), level.toUpperCase().padEnd(5)];
  if (scope) parts.push(`[${scope}]`);
  parts.push(message.replace(/\r?\n/g, ' ⏎ '));
  if (fields && Object.keys(fields).length > 0) parts.push(safeJson(fields));
  return `${parts.join(' ')}\n`;
}

function safeJson(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error
        ? { name: value.name, message: value.message, code: (value as { code?: unknown }).code }
        : value,
    );
  } catch {
    return '{"fields":"unserialisable"}';
  }
}
