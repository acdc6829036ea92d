import { z } from 'zod';

/**
 * A profile's network settings for district networks. `proxy.mode`: 'auto' follows the operating system's
 * proxy settings in the app (PAC/WPAD included) and HTTPS_PROXY/HTTP_PROXY/NO_PROXY in the CLI; 'none' connects
 * directly; 'manual' uses the given proxy. `caFile`: a PEM file with extra trusted CA certificates (the root of
 * a TLS-inspecting web filter or of an internal server). Proxy passwords are not stored here (this file is not
 * secret): give them in HTTPS_PROXY for the CLI.
 */
export const ProxySetting = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('auto') }),
  z.object({ mode: z.literal('none') }),
  z.object({
    mode: z.literal('manual'),
    url: z
      .string()
      .trim()
      .min(1, 'Enter the proxy address, e.g. http://proxy.district.k12:8080')
      .refine((v) => {
        try {
          const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`);
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
        } catch {
          return false;
        }
      }, 'Enter the proxy as http://host:port (or https://host:port)')
      .refine(
        (v) => !/^[a-z][a-z0-9+.-]*:\/\/[^/@]*@/i.test(v),
        'Do not put a user name or password in the proxy address (it would be saved in plain text); for an authenticating proxy use HTTPS_PROXY=http://USER:PASSWORD@host:port with the CLI',
      ),
  }),
]);
export type ProxySetting = z.infer<typeof ProxySetting>;

export const NetworkSettings = z.object({
  proxy: ProxySetting.default({ mode: 'auto' }),
  caFile: z.string().trim().max(4096).nullable().default(null),
});
export type NetworkSettings = z.infer<typeof NetworkSettings>;
