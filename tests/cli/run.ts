import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../electron/cli/index';

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `preflight ARGV` in-process with captured output and the given stdin. */
export async function run(
  argv: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: async () => options.stdin ?? '',
    promptHidden: undefined,
    env: { ...process.env, ...options.env },
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

export function readLog(dataDir: string): string {
  const file = join(dataDir, 'logs', 'preflight.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
