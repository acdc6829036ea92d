import { z } from 'zod';
import type { ChannelDef, IpcResult } from './define';
import { appChannels } from './channels/app';
import { baselineChannels } from './channels/baseline';
import { conversionChannels } from './channels/conversion';
import { demoChannels } from './channels/demo';
import { evaluateChannels } from './channels/evaluate';
import { findingChannels } from './channels/findings';
import { mappingChannels } from './channels/mapping';
import { jobChannels, JobDoneMessage, JobEventMessage } from './channels/jobs';
import { profileChannels } from './channels/profiles';
import { pullChannels } from './channels/pull';
import { reportChannels } from './channels/report';
import { secretChannels } from './channels/secrets';
import { settingsChannels } from './channels/settings';
import { snapshotChannels } from './channels/snapshots';
import { syncChannels } from './channels/sync';
import { verifyChannels } from './channels/verify';

/**
 * Every renderer → main channel, `domain:verb` → { input, output } zod schemas.
 * A new domain is one channels file plus one spread line here.
 */
export const contract = {
  ...appChannels,
  ...profileChannels,
  ...secretChannels,
  ...demoChannels,
  ...verifyChannels,
  ...jobChannels,
  ...pullChannels,
  ...snapshotChannels,
  ...evaluateChannels,
  ...findingChannels,
  ...mappingChannels,
  ...settingsChannels,
  ...baselineChannels,
  ...conversionChannels,
  ...reportChannels,
  ...syncChannels,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the handler receives after parsing (defaults applied). */
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Main → renderer messages, all on one wire channel. */
export const MainEvent = z.discriminatedUnion('type', [JobEventMessage, JobDoneMessage]);
export type MainEvent = z.infer<typeof MainEvent>;
export { MAIN_EVENT_CHANNEL, CHANNEL_NAME_PATTERN } from './wire';

/** The renderer-facing bridge (`window.api`), typed from the contract. */
export interface PreflightApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  onEvent(listener: (event: MainEvent) => void): () => void;
}
