import { createRequire } from 'node:module';
import { Command, InvalidArgumentError } from 'commander';
import { DATA_DIR_ENV } from '../services/app-paths';
import type { CliContext } from './context';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * The root command. Output goes through the context (so tests capture it) and commander never exits the
 * process: `exitOverride` turns its exits into CommanderErrors that `main` maps to exit codes.
 * Settings are applied before any subcommand is added, because subcommands copy them when created.
 */
export function createProgram(ctx: CliContext): Command {
  return new Command('preflight')
    .description(
      'Roster Preflight: check a district OneRoster 1.1 feed before the Canvas roster sync is switched on.',
    )
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout(text),
      writeErr: (text) => ctx.stderr(text),
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true);
}

/** Every command takes `--data-dir`; this adds it consistently. */
export function withDataDir(command: Command): Command {
  return command.option(
    '--data-dir <dir>',
    `data folder (default: $${DATA_DIR_ENV}, else the desktop app's folder)`,
  );
}

/** Commander option parser for positive integers. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('Expected a whole number of 1 or more.');
  }
  return n;
}
