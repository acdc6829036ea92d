import type { Page } from 'playwright-core';
import type { MainEvent } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import type { Handlers } from '../../electron/main/ipc/types';

/**
 * Stands in for the preload in plain Chromium: `window.api` with the same shape, whose `invoke` reaches the
 * REAL handlers through `page.exposeFunction`, with the same validation and error mapping as register.ts.
 */
const INIT_SCRIPT = `(() => {
  const listeners = new Set();
  Object.defineProperty(window, '__preflightEmit', {
    value: (payload) => { for (const listener of listeners) listener(payload); },
  });
  const api = {
    invoke: (channel, input) => window.__ipcInvoke(channel, input),
    onEvent: (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; },
  };
  Object.defineProperty(window, 'api', { value: Object.freeze(api) });
})();`;

export interface BridgeLog {
  /** Every result returned to the page and every event pushed to it, as JSON text. */
  traffic: string[];
}

export async function installBridge(page: Page, handlers: Handlers): Promise<BridgeLog> {
  const log: BridgeLog = { traffic: [] };
  await page.exposeFunction(
    '__ipcInvoke',
    async (channel: unknown, input: unknown): Promise<IpcResult<unknown>> => {
      const result = await invokeChannel(handlers, channel, input, {
        onUnexpected: (ch, err) => console.error(`[e2e] unexpected error in ${ch}:`, err),
      });
      log.traffic.push(JSON.stringify({ channel, result }));
      return result;
    },
  );
  await page.addInitScript(INIT_SCRIPT);
  return log;
}

/** Delivers main → renderer events in order (each waits for the previous one). */
export function createEmitter(
  getPage: () => Page | undefined,
  log: () => BridgeLog | undefined,
): (event: MainEvent) => void {
  let queue = Promise.resolve();
  return (event) => {
    log()?.traffic.push(JSON.stringify({ event }));
    queue = queue.then(async () => {
      const page = getPage();
      if (!page || page.isClosed()) return;
      await page
        .evaluate(
          (e) => (window as unknown as { __preflightEmit?: (p: unknown) => void }).__preflightEmit?.(e),
          event,
        )
        .catch(() => undefined);
    });
  };
}
