import { z } from 'zod';
import { channel, NoInput } from '../define';

/** App-level facts and the one way out to the user's browser. */
export const appChannels = {
  'app:info': channel(NoInput, z.object({ version: z.string(), dataDir: z.string(), platform: z.string() })),
  /** Opens an https:// link in the user's browser (anything else is refused). */
  'shell:openExternal': channel(
    z.object({ url: z.string().max(2048) }),
    z.object({ opened: z.literal(true) }),
  ),
};
