import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../electron/services/logging/logger';
import { REDACTED, redact, registerSecret } from '../../electron/services/logging/redact';
import { fakeSecret } from './no-leak';

const dir = mkdtempSync(join(tmpdir(), 'preflight-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('redact', () => {
  it('removes registered secrets in raw and URL-encoded form, longest first', () => {
    const short = fakeSecret('s');
    const long = `${short}/extra+chars`;
    registerSecret(short);
    registerSecret(long);
    const text = `a=${long} b=${short} c=${encodeURIComponent(long)}`;
    const out = redact(text);
    expect(out).toBe(`a=${REDACTED} b=${REDACTED} c=${REDACTED}`);
  });

  it.each([
    ['Authorization: OAuth oauth_consumer_key="k", oauth_signature="abc%3D"', 'Authorization: [REDACTED]'],
    ['authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'authorization: [REDACTED]'],
    ['{"Authorization":"Basic dXNlcjpwYXNz"}', '{"Authorization":"[REDACTED]"}'],
    [
      'GET /orgs?oauth_nonce=1&oauth_signature=Zm9vYmFy%3D&x=1',
      'GET /orgs?oauth_nonce=1&oauth_signature=[REDACTED]&x=1',
    ],
    [
      'grant_type=client_credentials&client_secret=s3cr3t&scope=x',
      'grant_type=client_credentials&client_secret=[REDACTED]&scope=x',
    ],
    [
      '{"access_token":"tok-123","token_type":"bearer"}',
      '{"access_token":"[REDACTED]","token_type":"bearer"}',
    ],
    ['sent Bearer abcdefghijklmnop123 to host', 'sent Bearer [REDACTED] to host'],
  ])('scrubs credential-shaped text: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('ignores values too short to be secrets (they would shred ordinary text)', () => {
    registerSecret('abc');
    expect(redact('abcdef')).toBe('abcdef');
  });

  it('leaves ordinary prose alone', () => {
    const text = 'The provider requires a Bearer token; check the client id "district-42" and the token URL.';
    expect(redact(text)).toBe(text);
  });
});

describe('logger', () => {
  it('writes leveled lines to the file and stderr sink, with secrets scrubbed from message and fields', () => {
    const file = join(dir, 'logs', 'a.log');
    const echoed: string[] = [];
    const secret = fakeSecret();
    registerSecret(secret);
    const logger = createLogger({ file, level: 'info', stderr: (l) => echoed.push(l) });
    logger.debug('not written');
    logger.info(`using ${secret}`, { header: `Authorization: OAuth oauth_signature="x"`, secret });
    logger.child('pull').warn('slow page', { page: 3 });
    logger.error('failed', { error: Object.assign(new Error(`boom ${secret}`), { code: 'E1' }) });

    const text = readFileSync(file, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}using \[REDACTED\] /);
    expect(lines[1]).toMatch(/WARN {2}\[pull\] slow page \{"page":3\}$/);
    expect(lines[2]).toMatch(/ERROR failed .*"code":"E1"/);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('oauth_signature="x"');
    expect(echoed.join('')).toBe(text);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps one line per entry even when a message has newlines', () => {
    const file = join(dir, 'b.log');
    createLogger({ file }).info('line one\nline two');
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('rotates a log past its size cap to .1', () => {
    const file = join(dir, 'c.log');
    writeFileSync(file, 'x'.repeat(2000));
    createLogger({ file, maxBytes: 1000 }).info('fresh');
    expect(readFileSync(`${file}.1`, 'utf8')).toHaveLength(2000);
    expect(readFileSync(file, 'utf8')).toMatch(/fresh/);
  });

  it('keeps working when the log file cannot be written', () => {
    const echoed: string[] = [];
    // A regular file where the log folder should be: the folder cannot be created.
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    const logger = createLogger({ file: join(blocker, 'logs', 'x.log'), stderr: (l) => echoed.push(l) });
    expect(() => logger.error('still reported')).not.toThrow();
    expect(echoed.join('')).toMatch(/still reported/);
  });
});
