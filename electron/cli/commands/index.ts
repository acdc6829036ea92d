import type { Command } from 'commander';
import type { CliContext } from '../context';
import * as baseline from './baseline';
import * as changeSisId from './change-sis-id';
import * as demo from './demo';
import * as diff from './diff';
import * as evaluate from './evaluate';
import * as findings from './findings';
import * as importCsv from './import-csv';
import * as mapping from './mapping';
import * as plan from './plan';
import * as profiles from './profiles';
import * as pull from './pull';
import * as remaps from './remaps';
import * as report from './report';
import * as resume from './resume';
import * as secret from './secret';
import * as snapshots from './snapshots';
import * as sync from './sync';
import * as verify from './verify';

/** Each command module exports `register(program, ctx)`. Add new commands here. */
export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

export const COMMANDS: CommandModule[] = [
  profiles,
  secret,
  verify,
  pull,
  resume,
  importCsv,
  snapshots,
  diff,
  evaluate,
  findings,
  changeSisId,
  plan,
  mapping,
  report,
  baseline,
  remaps,
  sync,
  demo,
];
