import type { Services } from '../../services/container';

/** The services the IPC handlers use (the container's object, or any test double of the same shape). */
export type HandlerServices = Pick<
  Services,
  'dataDir' | 'logger' | 'vault' | 'profiles' | 'snapshots' | 'settings'
>;
