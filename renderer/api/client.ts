import { fromErrorData, ServiceError } from '../../shared/errors';
import type { ChannelInput, ChannelName, ChannelOutput, MainEvent } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/define';

/** Calls a contract channel and unwraps the result: data, or the ServiceError main sent (hint in the app's words). */
export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await window.api.invoke(channel, input);
  if (result.ok) return result.data;
  throw fromErrorData(result.error);
}

export function onMainEvent(listener: (event: MainEvent) => void): () => void {
  return window.api.onEvent(listener);
}

/** What to show for any caught error: errors from main as sent; anything else generic (never a stack). */
export function toDisplayError(err: unknown): IpcError {
  if (err instanceof ServiceError) {
    const { code, message, hint } = err;
    return hint ? { code, message, hint } : { code, message };
  }
  return {
    code: 'internal',
    message: 'Something went wrong in the window.',
    hint: 'Try again. If it keeps happening, restart the app.',
  };
}
