import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../electron/cli/index';
import { startProvider } from '../../electron/services/demo-provider/index';
import type { ProviderOptions, RunningProvider } from '../../electron/services/demo-provider/index';
import type { Finding } from '../../shared/rules/finding';
import { VerifyReport } from '../../shared/verify/report';

export const SECRET_ENV = 'OR_TEST_SECRET';

/** The demo provider with the tiny district (fast to generate, every collection non-empty). */
export function tinyProvider(opts: Omit<ProviderOptions, 'district'> = {}): Promise<RunningProvider> {
  return startProvider({ district: { preset: 'tiny' }, ...opts });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed and schema-checked `--json` output (null when the run printed none). */
  report: VerifyReport | null;
}

/** A throwaway data folder per run, so the CLI never touches the user's real one. */
function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'preflight-verify-'));
}

/**
 * Runs `preflight verify ARGS --data-dir TMP` in-process with the secret in an environment variable, and checks
 * that the secret shows up nowhere in stdout or stderr.
 */
export async function runVerify(
  args: string[],
  secret: string,
  opts: { signal?: AbortSignal } = {},
): Promise<CliRun> {
  const dataDir = tempDataDir();
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(['verify', ...args, '--data-dir', dataDir], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readStdin: async () => '',
      env: { [SECRET_ENV]: secret },
      signal: opts.signal ?? new AbortController().signal,
    });
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
    const json =
      args.includes('--json') && stdout.trim().startsWith('{') ? (JSON.parse(stdout) as unknown) : null;
    return { code, stdout, stderr, report: json === null ? null : VerifyReport.parse(json) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `--base-url … --client-id … --client-secret-env …` for a running provider. */
export function targetArgs(p: RunningProvider, baseUrl = p.baseUrl): string[] {
  return ['--base-url', baseUrl, '--client-id', p.clientId, '--client-secret-env', SECRET_ENV];
}

export function findingsOf(report: VerifyReport | null, ruleId?: string): Finding[] {
  if (!report) throw new Error('no JSON report was printed');
  return ruleId ? report.findings.filter((f) => f.ruleId === ruleId) : report.findings;
}

export function ruleIds(report: VerifyReport | null): string[] {
  return findingsOf(report).map((f) => f.ruleId);
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const REQUIRED_PATHS = [
  '/orgs',
  '/schools',
  '/academicSessions',
  '/terms',
  '/courses',
  '/classes',
  '/users',
  '/students',
  '/teachers',
  '/enrollments',
];
export const OPTIONAL_PATHS = ['/gradingPeriods', '/demographics'];
