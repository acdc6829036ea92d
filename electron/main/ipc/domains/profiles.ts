import type { ProfileView } from '../../../../shared/ipc/channels/profiles';
import type { Profile } from '../../../../shared/profiles/profile';
import { ServiceError } from '../../../../shared/errors';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';

export async function profileView(services: HandlerServices, profile: Profile): Promise<ProfileView> {
  return { profile, secrets: await services.vault.status(profile.id) };
}

/** The profile, or an error worded for the app (the service's own hint speaks CLI). */
export async function requireProfile(services: HandlerServices, id: string): Promise<Profile> {
  try {
    return await services.profiles.get(id);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'profile_not_found') throw err;
    throw new ServiceError(
      'profile_not_found',
      'This district no longer exists.',
      'Pick another district in the list, or add it again.',
    );
  }
}

export function profileHandlers(
  services: HandlerServices,
  onDeleted: (profileId: string) => Promise<void>,
): HandlerGroup<'profiles:list' | 'profiles:create' | 'profiles:update' | 'profiles:delete'> {
  return {
    'profiles:list': async () => {
      const profiles = await services.profiles.list();
      return { profiles: await Promise.all(profiles.map((p) => profileView(services, p))) };
    },
    'profiles:create': async (draft) => profileView(services, await services.profiles.create(draft)),
    'profiles:update': async ({ id, patch }) =>
      profileView(services, await services.profiles.update(id, patch)),
    'profiles:delete': async ({ id }) => {
      await requireProfile(services, id);
      // The store deletes the keychain secrets first, so a keychain failure leaves everything in place.
      await services.profiles.remove(id);
      await onDeleted(id);
      return { deleted: true as const };
    },
  };
}
