import type { Command } from 'commander';
import type { CliContext } from '../context';
import * as profiles from './profiles';
import * as secret from './secret';
import * as verify from './verify';

/** Each command module exports `register(program, ctx)`. Add new commands here. */
export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

export const COMMANDS: CommandModule[] = [profiles, secret, verify];
