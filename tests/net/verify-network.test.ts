import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, environmentResolver, loadTrust } from '../../electron/services/net';
import { verifyConnection } from '../../electron/services/verify';
import { makePrivateCa, makeSelfSigned, type PrivateCa } from '../../test-support/net/private-ca';
import { startTinyproxy, type TestProxy } from '../../test-support/net/tinyproxy';
import { json, startServer, type TestServer } from '../oneroster/helpers/server';

/**
 * Verify on a district network: it says which proxy and trust it used, and its CONN-* findings tell a proxy
 * refusal and a TLS-inspection certificate apart from a server problem. Real tinyproxy, real TLS servers.
 */
const SECRET = 'verify-secret-never-shown-0123456789';
let dir: string;
let ca: PrivateCa;
let inspected: TestServer; // a valid certificate for 127.0.0.1 from a private "web filter" CA
let selfSigned: TestServer; // a broken server certificate (self-signed leaf)
let authProxy: TestProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-verify-net-'));
  ca = makePrivateCa(dir, 'Zscaler Intermediate Root CA (test)');
  const handler = (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 200, { orgs: [] });
  inspected = await startServer(handler, { tls: { key: ca.key, cert: ca.cert } });
  selfSigned = await startServer(handler, { tls: makeSelfSigned(dir) });
  authProxy = await startTinyproxy(dir, { basicAuth: { user: 'u', password: 'proxy-password-never-shown' } });
});

afterAll(async () => {
  await Promise.all([inspected?.close(), selfSigned?.close(), authProxy?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const target = (baseUrl: string, http?: HttpClient) => ({
  baseUrl,
  clientId: 'key',
  clientSecret: SECRET,
  auth: { kind: 'oauth1' as const, signatureMethod: 'HMAC-SHA256' as const },
  ...(http ? { http } : {}),
});
const direct = () => new HttpClient(environmentResolver({}), loadTrust({ env: {} }));

describe('verify on a district network', () => {
  it('plain http to a network host: CONN-INSECURE-HTTP blocker, nothing sent', async () => {
    const report = await verifyConnection(
      target('http://oneroster.example.org/ims/oneroster/v1p1', direct()),
    );
    expect(report.summary.verdict).not.toBe('ready');
    expect(report.findings.map((f) => f.ruleId)).toEqual(['CONN-INSECURE-HTTP']);
    expect(report.findings[0]!.remedy).toContain('https://oneroster.example.org/ims/oneroster/v1p1');
    expect(report.findings[0]!.severity).toBe('blocker');
  });

  it('reports which proxy and trust it used', async () => {
    const http = new HttpClient(
      environmentResolver({ HTTPS_PROXY: authProxy.url }),
      loadTrust({ caFile: ca.caFile, env: {} }),
    );
    const report = await verifyConnection(target(inspected.base, http), { maxRetries: 0 });
    expect(report.summary.network).toEqual({
      proxy: authProxy.url,
      proxySource: 'environment',
      trust: expect.stringContaining(ca.caFile),
    });
    const line = report.summary.checks.find((c) => c.id === 'network');
    expect(line?.detail).toMatch(/HTTPS_PROXY/);
    // The proxy wants credentials: CONN-PROXY (with the fix), not a server problem.
    const proxyFinding = report.findings.find((f) => f.ruleId === 'CONN-PROXY');
    expect(proxyFinding?.message).toMatch(/407/);
    expect(proxyFinding?.remedy).toMatch(/HTTPS_PROXY=http:\/\/USER:PASSWORD@/);
    expect(report.findings.some((f) => f.ruleId === 'CONN-REACH' || f.ruleId === 'CONN-TLS')).toBe(false);
    expect(JSON.stringify(report)).not.toContain('proxy-password-never-shown');
  });

  it('a valid certificate from an untrusted private authority → CONN-TLS-INSPECTION naming it, with the CA-file fix', async () => {
    const before = inspected.seen.length;
    const report = await verifyConnection(target(inspected.base, direct()), { maxRetries: 0 });
    const f = report.findings.find((x) => x.ruleId === 'CONN-TLS-INSPECTION');
    expect(f?.message).toContain('Zscaler Intermediate Root CA (test)');
    expect(f?.remedy).toMatch(/CA file|NODE_EXTRA_CA_CERTS/);
    expect(report.findings.some((x) => x.ruleId === 'CONN-TLS')).toBe(false);
    expect(inspected.seen.length).toBe(before); // the probe is a handshake only
    // With the CA trusted, the same server verifies.
    const trusted = new HttpClient(environmentResolver({}), loadTrust({ caFile: ca.caFile, env: {} }));
    const ok = await verifyConnection(target(inspected.base, trusted), { maxRetries: 0 });
    expect(ok.findings.some((x) => x.ruleId.startsWith('CONN-TLS'))).toBe(false);
  });

  it('a self-signed server certificate stays CONN-TLS (the provider must fix it)', async () => {
    const report = await verifyConnection(target(selfSigned.base, direct()), { maxRetries: 0 });
    const ids = report.findings.map((x) => x.ruleId);
    expect(ids).toContain('CONN-TLS');
    expect(ids).not.toContain('CONN-TLS-INSPECTION');
  });
});
