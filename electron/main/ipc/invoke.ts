import type { IpcError, IpcResult } from '../../../shared/ipc/define';
import { contract, isChannelName } from '../../../shared/ipc/contract';
import { INTERNAL_ERROR, invalidInputError } from '../../../shared/errors';
import { toAppError } from './app-error';
import type { Handlers } from './types';

/**
 * The one IPC call path, shared by `register.ts` (Electron) and the e2e harness (Chromium bridge):
 * parse the input with the channel schema, run the handler, parse the output (which also strips any field
 * the contract does not declare), and map failures to IpcError data. Electron-free on purpose.
 */
export interface InvokeOptions {
  /** Called for bugs (errors that are not user-facing), e.g. to log them. Never sent to the renderer. */
  onUnexpected?: (channel: string, err: unknown) => void;
}

export async function invokeChannel(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  options: InvokeOptions = {},
): Promise<IpcResult<unknown>> {
  if (!isChannelName(channel)) {
    return fail({
      code: 'unknown_channel',
      message: 'The app asked for an operation that does not exist.',
      hint: 'Restart the app; if it keeps happening, reinstall it.',
    });
  }
  const def = contract[channel];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) return fail(invalidInputError(parsed.error));

  let output: unknown;
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    output = await handler(parsed.data);
  } catch (err) {
    const error = toAppError(err);
    if (error.code === INTERNAL_ERROR.code) options.onUnexpected?.(channel, err);
    return fail(error);
  }

  const checked = def.output.safeParse(output);
  if (!checked.success) {
    options.onUnexpected?.(
      channel,
      new Error(`Handler output does not match the contract: ${checked.error.message}`),
    );
    return fail(INTERNAL_ERROR);
  }
  return { ok: true, data: checked.data };
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}
