import { z } from 'zod';

const DetailScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const DetailValue = z.union([
  DetailScalar,
  z.array(DetailScalar),
  z.record(z.string(), z.union([DetailScalar, z.array(DetailScalar)])),
]);

/**
 * Expected failures cross IPC as data, never as throws: `ipcMain.handle` keeps only an error's message.
 * `code` is stable (for tests and UI logic), `message` says what happened, `hint` what to do.
 * It is ErrorData (shared/errors.ts) on the wire; `hint` is the app's wording (electron/main/ipc/hints.ts).
 */
export const IpcError = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  detail: z.record(z.string(), DetailValue).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelDef<I, O> {
  return { input, output };
}

export function resultSchema<O extends z.ZodType>(output: O) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: output }),
    z.object({ ok: z.literal(false), error: IpcError }),
  ]);
}

export const NoInput = z.object({}).strict();
