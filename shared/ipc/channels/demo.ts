import { channel, NoInput } from '../define';
import { ProfileView } from './profiles';

export const demoChannels = {
  /** Starts the bundled sample provider (once per app run) and returns the "Demo district" profile pointing at it. */
  'demo:open': channel(NoInput, ProfileView),
};
