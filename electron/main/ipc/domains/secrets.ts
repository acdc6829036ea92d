import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

/** secrets:* — a district's keychain secrets: stored or deleted here, only their presence is ever returned. */
export function secretHandlers(
  services: HandlerServices,
): HandlerGroup<'secrets:set' | 'secrets:delete' | 'secrets:status'> {
  return {
    'secrets:set': async ({ profileId, kind, value }) => {
      await requireProfile(services, profileId);
      await services.profiles.setSecret(profileId, kind, value);
      return { stored: true as const };
    },
    'secrets:delete': async ({ profileId, kind }) => {
      await requireProfile(services, profileId);
      await services.vault.deleteSecret(profileId, kind);
      return { deleted: true as const };
    },
    'secrets:status': async ({ profileId }) => {
      await requireProfile(services, profileId);
      return services.vault.status(profileId);
    },
  };
}
