import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/container';
import { run } from './run';

/**
 * Issue 12 from the command line: secrets stay with the origin they were saved for, plain http is refused for
 * network hosts (tests/profiles/parallel-writers.test.ts covers parallel processes).
 */
const TOKEN = 'canvas-token-bound-to-its-origin-0123456789';
let dir = '';
let capture: http.Server;
let captureUrl = '';
const received: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pf-netsec-'));
  // Stands in for a host an attacker controls: records every Authorization header it is sent.
  capture = http.createServer((req, res) => {
    received.push(String(req.headers.authorization ?? ''));
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
  captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
});

afterAll(async () => {
  const services = createServices({ dataDir: dir });
  for (const p of await services.profiles.list().catch(() => [])) await services.vault.deleteAll(p.id);
  await new Promise((r) => capture.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ['--data-dir', dir];
const profilesFile = () => join(dir, 'profiles.json');

async function addProfile(name: string, canvasUrl: string): Promise<void> {
  const add = await run([
    'profiles',
    'add',
    ...base(),
    '--name',
    name,
    '--base-url',
    'https://or.example.org/ims/oneroster/v1p1',
    '--client-id',
    'k',
    '--canvas-url',
    canvasUrl,
  ]);
  expect(add.code, add.err).toBe(0);
  const set = await run(['secret', 'set', ...base(), '--profile', name, '--kind', 'canvas.token'], {
    stdin: TOKEN,
  });
  expect(set.code, set.err).toBe(0);
}

describe('secrets bound to their origin (CLI)', () => {
  it('changing the Canvas URL deletes the token: baseline fetch then sends nothing to the new host', async () => {
    await addProfile('Bound', 'https://springfield.instructure.com');
    const moved = await run(['profiles', 'canvas', 'Bound', ...base(), '--canvas-url', captureUrl]);
    expect(moved.code, moved.err).toBe(0);
    const status = await run(['secret', 'status', ...base(), '--profile', 'Bound', '--json']);
    expect(JSON.parse(status.out)).toMatchObject({ secrets: { 'canvas.token': false } });
    const fetch = await run(['baseline', 'fetch', ...base(), '--profile', 'Bound']);
    expect(fetch.code).toBe(2);
    expect(fetch.err).toMatch(/No Canvas access token/);
    expect(received.join('\n')).not.toContain(TOKEN);
  });

  it('a profile whose URL was changed behind the store (older version, hand edit) holds the token back', async () => {
    await addProfile('Edited', 'https://edited.instructure.com');
    const file = JSON.parse(readFileSync(profilesFile(), 'utf8')) as {
      profiles: Array<{ name: string; secretOrigins: unknown; canvas: { baseUrl: string } }>;
    };
    const p = file.profiles.find((x) => x.name === 'Edited')!;
    expect(p.secretOrigins).toEqual({ 'canvas.token': 'https://edited.instructure.com' });
    p.canvas.baseUrl = captureUrl;
    writeFileSync(profilesFile(), JSON.stringify(file));
    const fetch = await run(['baseline', 'fetch', ...base(), '--profile', 'Edited']);
    expect(fetch.code).toBe(2);
    expect(fetch.err).toMatch(/was saved for https:\/\/edited\.instructure\.com/);
    expect(received.join('\n')).not.toContain(TOKEN);
  });
});

describe('https only, except loopback (CLI)', () => {
  it('refuses http:// for a network host with a clear message, accepts it for 127.0.0.1', async () => {
    const bad = await run([
      'profiles',
      'add',
      ...base(),
      '--name',
      'Plain',
      '--base-url',
      'http://or.example.org/ims/oneroster/v1p1',
      '--client-id',
      'k',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/must use https:\/\/.*https:\/\/or\.example\.org\/ims\/oneroster\/v1p1/);
    const canvas = await run([
      'profiles',
      'canvas',
      'Bound',
      ...base(),
      '--canvas-url',
      'http://canvas.example.org',
    ]);
    expect(canvas.code).toBe(2);
    expect(canvas.err).toMatch(/Canvas URL must use https/);
    const local = await run([
      'profiles',
      'add',
      ...base(),
      '--name',
      'Local',
      '--base-url',
      'http://127.0.0.1:9/ims/oneroster/v1p1',
      '--client-id',
      'k',
    ]);
    expect(local.code, local.err).toBe(0);
  });
});
