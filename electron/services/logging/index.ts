export { createLogger, LOG_LEVELS } from './logger';
export type { Logger, LoggerOptions, LogLevel, LogFields } from './logger';
export { redact, redactError, redactSecrets, registerSecret, REDACTED } from './redact';
