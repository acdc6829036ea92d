import { contextBridge, ipcRenderer } from 'electron';
import type { ChannelName, MainEvent, PreflightApi } from '../../shared/ipc/contract';
import { CHANNEL_NAME_PATTERN, MAIN_EVENT_CHANNEL } from '../../shared/ipc/wire';

/**
 * The renderer's only door to main: `window.api`, one frozen object of functions. No raw ipcRenderer,
 * no event objects: `invoke` only reaches `domain:verb` channels (main validates every payload), and
 * `onEvent` passes the payload alone and returns an unsubscribe function.
 */
const api: PreflightApi = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !CHANNEL_NAME_PATTERN.test(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: 'The app asked for an operation that does not exist.' },
      });
    }
    return ipcRenderer.invoke(channel satisfies ChannelName, input);
  },
  onEvent(listener) {
    const wrapped = (_event: unknown, payload: MainEvent) => listener(payload);
    ipcRenderer.on(MAIN_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MAIN_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
