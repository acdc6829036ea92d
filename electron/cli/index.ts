import { createContext, processIo } from './context';
import type { CliIo } from './context';
import { COMMANDS } from './commands/index';
import { EXIT_CANCELLED, exitCodeFor, renderError } from './errors';
import { createProgram } from './program';

export type { CliIo, CliContext } from './context';

/**
 * Runs `preflight ARGS…` and resolves to the exit code; never calls process.exit (bin/preflight.js sets
 * process.exitCode). Tests pass `io` to capture output and feed stdin.
 */
export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('SIGINT'));
  const ownsSignal = io?.signal === undefined;
  // `once`: a second Ctrl+C gets Node's default behaviour and ends the process.
  if (ownsSignal) process.once('SIGINT', onSigint);
  const ctx = createContext({ ...processIo(controller.signal), ...io });
  try {
    const program = createProgram(ctx);
    for (const command of COMMANDS) command.register(program, ctx);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.signal.aborted ? EXIT_CANCELLED : ctx.exitCode;
  } catch (error) {
    ctx.stderr(renderError(error, ctx.env.PREFLIGHT_DEBUG === '1'));
    return exitCodeFor(error);
  } finally {
    if (ownsSignal) process.off('SIGINT', onSigint);
  }
}
