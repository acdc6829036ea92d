import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  normaliseParameters,
  parseAuthorizationHeader,
  percentEncode,
  signRequest,
} from '../../electron/services/oneroster/oauth1';
import { buildUrl } from '../../electron/services/oneroster/url';

describe('OAuth 1.0a signer vectors', () => {
  it('reproduces the OAuth Core 1.0 photos example (HMAC-SHA1, with token)', () => {
    const url = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original');
    const signed = signRequest(
      'GET',
      url,
      {
        consumerKey: 'dpf43f3p2l4k3l03',
        consumerSecret: 'kd94hf93k423kf44',
        token: 'nnch734d00sl2jdk',
        tokenSecret: 'pfkkdhi9sl3r4s00',
        method: 'HMAC-SHA1',
      },
      { nonce: 'kllo9940pd9333jh', timestamp: 1191242096 },
    );
    expect(signed.baseString).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03' +
        '%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096' +
        '%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal',
    );
    expect(signed.signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    const header = parseAuthorizationHeader(signed.authorization);
    expect(header?.oauth_signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    expect(signed.authorization).toContain('oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"');
  });

  it('reproduces the RFC 5849 §3.4.1.1 signature base string', () => {
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
    const signed = signRequest(
      'POST',
      url,
      {
        consumerKey: '9djdj82h48djs9d2',
        consumerSecret: 'j49sk3j29djd',
        token: 'kkk9d7dh3k39sjv7',
        tokenSecret: 'dh893hdasih9',
        method: 'HMAC-SHA1',
      },
      {
        nonce: '7d8f3e4a',
        timestamp: 137131201,
        includeVersion: false,
        bodyParams: [
          ['c2', ''],
          ['a3', '2 q'],
        ],
      },
    );
    expect(signed.baseString).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D' +
        '%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1' +
        '%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('normalises the OneRoster filter example exactly as docs/oneroster-dialects.md shows', () => {
    const params: Array<[string, string]> = [
      ['filter', "status='active' AND dateLastModified>'2024-08-01T00:00:00Z'"],
      ['limit', '100'],
      ['offset', '0'],
      ['oauth_consumer_key', 'KEY'],
      ['oauth_nonce', 'abc123'],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_version', '1.0'],
    ];
    expect(normaliseParameters(params)).toBe(
      'filter=status%3D%27active%27%20AND%20dateLastModified%3E%272024-08-01T00%3A00%3A00Z%27&limit=100' +
        '&oauth_consumer_key=KEY&oauth_nonce=abc123&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000' +
        '&oauth_version=1.0&offset=0',
    );
  });

  it('signs HMAC-SHA256 over a filter with spaces and quotes, matching an independent node:crypto computation', () => {
    const filter = "status='active' AND dateLastModified>'2024-08-01T00:00:00Z'";
    const url = buildUrl('https://example-vn-v2.oneroster.com/ims/oneroster/v1p1/', '/users', {
      filter,
      limit: 100,
      offset: 0,
    });
    // What is sent decodes to exactly the signed value: RFC 3986 encoding, no '+', quotes as %27.
    expect(url.search).toBe(
      '?filter=status%3D%27active%27%20AND%20dateLastModified%3E%272024-08-01T00%3A00%3A00Z%27&limit=100&offset=0',
    );
    expect(url.searchParams.get('filter')).toBe(filter);

    const signed = signRequest(
      'GET',
      url,
      { consumerKey: 'KEY', consumerSecret: 's3cr3t&+/ key', method: 'HMAC-SHA256' },
      { nonce: 'abc123', timestamp: 1700000000 },
    );
    expect(signed.baseString).toContain('%2520');
    expect(signed.baseString).toContain('%2527');
    expect(signed.baseString).not.toContain('+');

    // Independent recomputation, written out by hand from RFC 5849 §3.4.
    const enc = (s: string): string =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const paramString = [
      `filter=${enc(filter)}`,
      'limit=100',
      'oauth_consumer_key=KEY',
      'oauth_nonce=abc123',
      'oauth_signature_method=HMAC-SHA256',
      'oauth_timestamp=1700000000',
      'oauth_version=1.0',
      'offset=0',
    ].join('&');
    const base = `GET&${enc('https://example-vn-v2.oneroster.com/ims/oneroster/v1p1/users')}&${enc(paramString)}`;
    expect(signed.baseString).toBe(base);
    const expected = createHmac('sha256', `${enc('s3cr3t&+/ key')}&`)
      .update(base)
      .digest('base64');
    expect(signed.signature).toBe(expected);
  });

  it('percent-encodes per RFC 3986 (only unreserved characters stay)', () => {
    expect(percentEncode("a b'c!(*)~-._")).toBe('a%20b%27c%21%28%2A%29~-._');
    expect(percentEncode('ü+/')).toBe('%C3%BC%2B%2F');
  });
});
