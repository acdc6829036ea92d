/**
 * Runs the demo provider from a terminal:
 *   node bin/run-ts.js electron/services/demo-provider/main.ts --preset medium --port 8787
 * Prints the base URL, token URL and the demo credentials, then serves until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import type { Preset } from './district/spec';
import { startProvider } from './server/provider';

const HELP = `Usage: main.ts [--preset tiny|small|medium|large] [--port N] [--seed N] [--users N] [--schools N]
               [--client-id ID] [--client-secret SECRET] [--latency MS] [--sha256-only]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      users: { type: 'string' },
      schools: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      latency: { type: 'string' },
      'sha256-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a whole number (got "${v}"). ${HELP}`);
    return n;
  };
  const started = Date.now();
  const provider = await startProvider({
    port: int('port', values.port),
    district: {
      preset: values.preset as Preset,
      seed: int('seed', values.seed),
      users: int('users', values.users),
      schools: int('schools', values.schools),
    },
    auth: {
      clientId: values['client-id'],
      clientSecret: values['client-secret'],
      oauth1Methods: values['sha256-only'] ? ['HMAC-SHA256'] : undefined,
    },
    faults: { latencyMs: int('latency', values.latency) },
  });
  const c = provider.district.counts;
  console.log(
    `OneRoster 1.1 demo provider — ${provider.district.name} (ready in ${Date.now() - started} ms)`,
  );
  console.log(
    `  ${c.schools} schools, ${c.users} users (${c.students} students, ${c.teachers} teachers), ${c.classes} classes, ${c.enrollments} enrollments`,
  );
  console.log(`  Base URL:      ${provider.baseUrl}`);
  console.log(`  Token URL:     ${provider.tokenUrl}   (OAuth 2 client credentials)`);
  console.log(`  Client id:     ${provider.clientId}`);
  console.log(
    `  Client secret: ${provider.clientSecret}   (demo credentials; OAuth 1.0a HMAC-SHA256/SHA1 also accepted)`,
  );
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as { message?: string; hint?: string };
  console.error(`demo provider: ${err.message ?? String(e)}${err.hint ? `\n  ${err.hint}` : ''}`);
  process.exit(2);
});
