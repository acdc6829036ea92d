import { createServices } from '../services/container';
import type { Services } from '../services/container';
import { resolveDataDir } from '../services/app-paths';
import { redact, redactSecrets } from '../services/logging/redact';
import type { SecretStore } from '../services/secrets/secret-store';
import { readAll, readHidden } from './stdin';

/** The process-facing parts of the CLI; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of stdin (pipe or file). */
  readStdin: () => Promise<string>;
  /** Set when stdin is a terminal: prompts without echo. */
  promptHidden?: (prompt: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT (or by the test). */
  signal: AbortSignal;
  /** Defaults to the OS keychain. */
  secretStore?: SecretStore;
}

/** What every command's `register(program, ctx)` receives. */
export interface CliContext {
  /** Services for a `--data-dir` value (undefined = $PREFLIGHT_DATA_DIR or the app's folder); one per dir. */
  services(dataDir: string | undefined): Services;
  /** One line (or block) to stdout (registered secrets removed) / stderr (also credential-shaped text). */
  out(text: string): void;
  err(text: string): void;
  /** Raw writers, for commander and progress output (also redacted). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** A secret from stdin: the whole pipe, or a no-echo prompt on a terminal. */
  readSecret(prompt: string): Promise<string>;
  readStdin(): Promise<string>;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** Commands set 1 for "findings at or above --fail-on"; errors are thrown, not set. */
  setExitCode(code: number): void;
  readonly exitCode: number;
}

export function createContext(io: CliIo): CliContext {
  const cache = new Map<string, Services>();
  let exitCode = 0;
  const debug = io.env.PREFLIGHT_DEBUG === '1';
  // stdout carries data (evaluate/plan --json, CSV): only registered secret values are removed, so roster text
  // like "Basic Mathematics" is never rewritten; stderr carries messages and errors, which get the full redactor.
  const stdout = (text: string) => io.stdout(redactSecrets(text));
  const stderr = (text: string) => io.stderr(redact(text));
  return {
    services(dataDir) {
      const dir = resolveDataDir(dataDir, { env: io.env });
      let services = cache.get(dir);
      if (!services) {
        services = createServices({
          dataDir: dir,
          ...(io.secretStore ? { secretStore: io.secretStore } : {}),
          ...(debug ? { logLevel: 'debug' as const, logEcho: stderr } : {}),
        });
        cache.set(dir, services);
      }
      return services;
    },
    out: (text) => stdout(`${text}\n`),
    err: (text) => stderr(`${text}\n`),
    stdout,
    stderr,
    readSecret: (prompt) => (io.promptHidden ? io.promptHidden(prompt) : io.readStdin()),
    readStdin: () => io.readStdin(),
    signal: io.signal,
    env: io.env,
    setExitCode(code) {
      exitCode = code;
    },
    get exitCode() {
      return exitCode;
    },
  };
}

/** The real process: stdout/stderr, stdin (hidden prompt on a TTY), environment. */
export function processIo(signal: AbortSignal): CliIo {
  const stdin = process.stdin;
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readAll(stdin),
    ...(stdin.isTTY
      ? { promptHidden: (prompt: string) => readHidden(stdin, (t) => process.stderr.write(t), prompt) }
      : {}),
    env: process.env,
    signal,
  };
}
