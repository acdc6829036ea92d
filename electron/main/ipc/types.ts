import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../../shared/ipc/contract';

/** One async function per contract channel; it receives input already parsed by the channel's schema. */
export type Handlers = { [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };

export type HandlerGroup<C extends ChannelName> = Pick<Handlers, C>;
