import { z } from 'zod';
import { channel, NoInput } from '../define';
import { NetworkSettings } from '../../profiles/network';
import { CanvasSettings, Profile, ProfileDraft, SecretStatus, TimeZone } from '../../profiles/profile';

/** A profile as the renderer sees it: settings plus which secrets are stored (never the secrets). */
export const ProfileView = z.object({ profile: Profile, secrets: SecretStatus });
export type ProfileView = z.infer<typeof ProfileView>;

const ProfileId = z.string().min(1).max(100);

export const profileChannels = {
  'profiles:list': channel(NoInput, z.object({ profiles: z.array(ProfileView) })),
  'profiles:create': channel(ProfileDraft, ProfileView),
  'profiles:update': channel(
    z.object({
      id: ProfileId,
      // `.partial()` would still apply canvas's default (null) and wipe saved Canvas settings: absent = keep.
      patch: ProfileDraft.partial().extend({
        canvas: CanvasSettings.nullable().optional(),
        network: NetworkSettings.nullable().optional(),
        /** IANA zone; null = this computer's zone; absent = keep. */
        timeZone: TimeZone.nullable().optional(),
      }),
    }),
    ProfileView,
  ),
  'profiles:delete': channel(z.object({ id: ProfileId }), z.object({ deleted: z.literal(true) })),
};
