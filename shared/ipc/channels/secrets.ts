import { z } from 'zod';
import { channel } from '../define';
import { SecretKind, SecretStatus } from '../../profiles/profile';

const ProfileId = z.string().min(1).max(100);

/** Secrets only travel renderer → main; nothing here ever returns one. */
export const secretChannels = {
  'secrets:set': channel(
    z.object({
      profileId: ProfileId,
      kind: SecretKind,
      // Not trimmed: a secret is stored exactly as typed. 8192 = the vault's limit.
      value: z
        .string()
        .max(8192, 'The secret is too long')
        .refine((v) => v.trim().length > 0, 'Enter the secret'),
    }),
    z.object({ stored: z.literal(true) }),
  ),
  'secrets:delete': channel(
    z.object({ profileId: ProfileId, kind: SecretKind }),
    z.object({ deleted: z.literal(true) }),
  ),
  'secrets:status': channel(z.object({ profileId: ProfileId }), SecretStatus),
};
