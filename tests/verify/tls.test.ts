import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsOf, ruleIds, runVerify } from './helpers';

/**
 * A self-signed HTTPS server on loopback (certificate made with the openssl CLI): verify must report
 * CONN-TLS and never fall back to an unverified connection (the server would have answered 200).
 */
describe('preflight verify: TLS', () => {
  let dir: string;
  let server: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"orgs":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('self-signed certificate → CONN-TLS blocker, exit 1, no request ever reaches the server', async () => {
    const secret = 'tls-test-secret-value';
    const run = await runVerify(
      [
        '--base-url',
        `https://127.0.0.1:${port}/ims/oneroster/v1p1`,
        '--client-id',
        'c',
        '--client-secret-env',
        'OR_TEST_SECRET',
        '--json',
      ],
      secret,
    );
    expect(run.code).toBe(1);
    expect(ruleIds(run.report)).toEqual(['CONN-TLS']);
    const [tls] = findingsOf(run.report);
    expect(tls).toMatchObject({ severity: 'blocker', entityType: 'endpoint', sourcedId: '/orgs' });
    expect((tls!.detail as { errno: string }).errno).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(tls!.remedy).toMatch(/self-signed/);
    expect(tls!.remedy).toMatch(/never turn certificate checks off/);
    expect(run.report!.summary.checks.find((c) => c.id === 'tls')?.status).toBe('fail');
    expect(requests).toBe(0);
  });
});
