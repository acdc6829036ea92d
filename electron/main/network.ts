import { session } from 'electron';
import { configureNetwork, systemResolver } from '../services/net';

/**
 * The app's network defaults: proxies as the operating system resolves them (manual settings, PAC and WPAD)
 * through Chromium's session, and the OS trust store (where districts install their web filter's root). The
 * services only ever see the resolver function (electron/services/net/proxy.ts).
 */
export function useSystemNetwork(): void {
  configureNetwork({
    proxy: systemResolver((url) => session.defaultSession.resolveProxy(url)),
    systemStore: true,
  });
}
