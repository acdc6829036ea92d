import { describe, expect, it } from 'vitest';
import {
  displayProxy,
  environmentResolver,
  parsePacResult,
  profileResolver,
  systemResolver,
} from '../../electron/services/net';

/**
 * The app resolves proxies through Electron's session (the OS settings, PAC and WPAD included); Electron cannot
 * run here, so these tests drive the seam the main process plugs it into, with answers in Chromium's format.
 */
describe('proxy resolvers', () => {
  it("reads Chromium's PAC-style answers", () => {
    expect(parsePacResult('DIRECT')).toBeNull();
    expect(parsePacResult('')).toBeNull();
    expect(parsePacResult('PROXY proxy.district.k12:8080; DIRECT')).toBe('http://proxy.district.k12:8080');
    expect(parsePacResult('HTTPS secure-proxy:443')).toBe('https://secure-proxy:443');
    expect(parsePacResult('SOCKS5 socks:1080; PROXY fallback:3128')).toBe('http://fallback:3128');
    expect(parsePacResult('SOCKS5 socks:1080; DIRECT')).toBeNull();
  });

  it('asks the system resolver (session.resolveProxy) per URL', async () => {
    const asked: string[] = [];
    const resolver = systemResolver((url) => {
      asked.push(url);
      return Promise.resolve(url.includes('oneroster') ? 'PROXY filter.district.k12:3128' : 'DIRECT');
    });
    await expect(resolver(new URL('https://district.oneroster.com/ims/x'))).resolves.toEqual({
      proxyUrl: 'http://filter.district.k12:3128',
      source: 'system',
    });
    await expect(resolver(new URL('https://district.instructure.com/api'))).resolves.toEqual({
      proxyUrl: null,
      source: 'system',
    });
    expect(asked).toEqual(['https://district.oneroster.com/ims/x', 'https://district.instructure.com/api']);
  });

  it('reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY like curl (scheme-less proxy = http)', async () => {
    const env = { HTTPS_PROXY: 'proxy:3128', HTTP_PROXY: 'http://plain:80', NO_PROXY: '.internal,10.0.0.5' };
    const r = environmentResolver(env);
    expect((await r(new URL('https://sis.example.com/x'))).proxyUrl).toBe('http://proxy:3128');
    expect((await r(new URL('http://sis.example.com/x'))).proxyUrl).toBe('http://plain:80');
    expect((await r(new URL('https://a.internal/x'))).proxyUrl).toBeNull();
    expect((await r(new URL('https://10.0.0.5/x'))).proxyUrl).toBeNull();
    expect(process.env.HTTPS_PROXY).not.toBe('http://proxy:3128');
  });

  it("a profile's proxy setting overrides the fallback", async () => {
    const fallback = systemResolver(() => Promise.resolve('PROXY sys:1'));
    const url = new URL('https://x.example.com');
    expect(await profileResolver({ mode: 'auto' }, fallback)(url)).toEqual({
      proxyUrl: 'http://sys:1',
      source: 'system',
    });
    expect(await profileResolver({ mode: 'none' }, fallback)(url)).toEqual({
      proxyUrl: null,
      source: 'profile',
    });
    expect(await profileResolver({ mode: 'manual', url: 'proxy.k12:8080' }, fallback)(url)).toEqual({
      proxyUrl: 'http://proxy.k12:8080',
      source: 'profile',
    });
  });

  it('never shows proxy credentials', () => {
    expect(displayProxy('http://user:s3cret-pass@proxy:3128')).toBe('http://proxy:3128 (with credentials)');
    expect(displayProxy(null)).toBe('none (direct connection)');
  });
});
