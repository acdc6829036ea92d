import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/define';
import type { Logger } from '../../services/logging/logger';
import { invokeChannel } from './invoke';
import type { Handlers } from './types';

export interface RegisterOptions {
  /** The app window's WebContents (looked up per call: the window may be re-created). */
  trustedContents: () => WebContents | undefined;
  /** True for the URL of a frame allowed to call IPC (our renderer, never an iframe or navigated page). */
  isTrustedUrl: (url: string) => boolean;
  logger: Logger;
}

const UNTRUSTED: IpcResult<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'This request did not come from the app window.',
    hint: 'Restart the app.',
  },
};

/** Registers `ipcMain.handle` for every contract channel, behind a sender check. */
export function registerIpc(handlers: Handlers, options: RegisterOptions): () => void {
  const log = options.logger.child('ipc');
  for (const channel of CHANNEL_NAMES) {
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event, options)) {
        log.warn('Dropped IPC from an untrusted sender', { channel, url: event.senderFrame?.url ?? '' });
        return UNTRUSTED;
      }
      return invokeChannel(handlers, channel, input, {
        onUnexpected: (ch, err) =>
          log.error('IPC handler failed', {
            channel: ch,
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          }),
      });
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

function isTrustedSender(event: IpcMainInvokeEvent, options: RegisterOptions): boolean {
  const trusted = options.trustedContents();
  if (!trusted || event.sender !== trusted) return false;
  const frame = event.senderFrame;
  // Only the top frame of our own page: an iframe or a navigated frame never gets the API.
  if (!frame || frame.parent !== null) return false;
  return options.isTrustedUrl(frame.url);
}
