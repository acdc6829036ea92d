import type { ChannelInput, ChannelName, ChannelOutput, MainEvent } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/define';

/** An expected failure from main, with the plain-language message and hint to show the user. */
export class ApiError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.hint = error.hint;
  }
}

/** Calls a contract channel and unwraps the result: data, or a thrown ApiError. */
export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await window.api.invoke(channel, input);
  if (result.ok) return result.data;
  throw new ApiError(result.error);
}

export function onMainEvent(listener: (event: MainEvent) => void): () => void {
  return window.api.onEvent(listener);
}

/** What to show for any caught error: ApiErrors as sent; anything else generic (never a stack). */
export function toDisplayError(err: unknown): IpcError {
  if (err instanceof ApiError)
    return err.hint
      ? { code: err.code, message: err.message, hint: err.hint }
      : { code: err.code, message: err.message };
  return {
    code: 'internal',
    message: 'Something went wrong in the window.',
    hint: 'Try again. If it keeps happening, restart the app.',
  };
}
