import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { signRequest } from '../../electron/services/oneroster/oauth1';

it('runs from the command line and prints working URLs and demo credentials', async () => {
  const child = spawn(
    process.execPath,
    [
      'bin/run-ts.js',
      'electron/services/demo-provider/main.ts',
      '--preset',
      'tiny',
      '--port',
      '0',
      '--seed',
      '4',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) {
      out += chunk as string;
      if (out.includes('Press Ctrl+C')) break;
    }
    const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1];
    const baseUrl = field('Base URL');
    const tokenUrl = field('Token URL');
    const clientId = field('Client id');
    const clientSecret = field('Client secret');
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ims\/oneroster\/v1p1$/);
    expect(tokenUrl).toMatch(/\/oauth\/token$/);
    const url = new URL(`${baseUrl}/schools`);
    const signed = signRequest('GET', url, {
      consumerKey: clientId!,
      consumerSecret: clientSecret!,
      method: 'HMAC-SHA256',
    });
    const res = await fetch(url, { headers: { authorization: signed.authorization } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { orgs: unknown[] }).orgs).toHaveLength(2);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

it('explains a bad option and exits with status 2', async () => {
  const child = spawn(
    process.execPath,
    ['bin/run-ts.js', 'electron/services/demo-provider/main.ts', '--preset', 'huge'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (err += c));
  const [code] = (await once(child, 'exit')) as [number];
  expect(code).toBe(2);
  expect(err).toMatch(/Unknown preset "huge"[\s\S]*tiny, small, medium, large/);
});
