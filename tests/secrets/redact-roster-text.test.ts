import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactSecrets, registerSecret } from '../../electron/services/logging/redact';
import { fakeSecret } from './no-leak';

/** Roster text must never be rewritten by the credential patterns (issue: "Basic Detection" → "Basic [REDACTED]"). */
describe('redaction leaves roster text alone', () => {
  const roster = [
    'Basic Mathematics',
    'Basic Detection',
    'Basic Algebra and Geometry',
    'Bearer Creek Elementary',
    'Bearer Creek Elementary School District',
    'Authorization Studies', // a title, not a header: no colon
  ];

  it.each(roster)('redact() keeps "%s"', (text) => {
    expect(redact(text)).toBe(text);
    expect(redact(`class "${text}" has no term`)).toBe(`class "${text}" has no term`);
  });

  it('still scrubs real Basic credentials and bearer tokens in log/error text', () => {
    const basic = Buffer.from('district-api:hunter2hunter2').toString('base64');
    expect(redact(`sent Basic ${basic} to the token URL`)).toBe(`sent Basic ${REDACTED} to the token URL`);
    expect(redact('retry with Bearer 9f8e7d6c5b4a3f2e1d0c')).toBe(`retry with Bearer ${REDACTED}`);
    expect(redact('Authorization: Basic Mathematics')).toBe(`Authorization: ${REDACTED}`);
  });

  it('redactSecrets() removes only registered values: patterns and token-looking roster text pass', () => {
    const secret = fakeSecret('roster');
    registerSecret(secret);
    const tokenLike = 'Bearer 9f8e7d6c5b4a3f2e1d0c';
    const text = `Basic Detection | Bearer Creek Elementary | ${tokenLike} | ${secret}`;
    expect(redactSecrets(text)).toBe(
      `Basic Detection | Bearer Creek Elementary | ${tokenLike} | ${REDACTED}`,
    );
  });
});
