import type { Profile } from '../../../shared/profiles/profile';
import type { Services } from '../container';
import { ServiceError } from '../../../shared/errors';
import { networkFor, type HttpClient } from '../net';

/** Everything needed to talk to a district's Canvas, token included (main process / CLI only). */
export interface CanvasTarget {
  profile: Profile;
  baseUrl: string;
  rootAccountId: string;
  token: string;
  /** The HTTP client with the profile's proxy and trusted CAs: pass it to `new CanvasClient({ http })`. */
  http: HttpClient;
}

/** Loads a saved profile (object, id or name), its Canvas settings and the Canvas token from the keychain. */
export async function resolveCanvasTarget(
  services: Pick<Services, 'profiles' | 'vault'>,
  profileOrName: Profile | string,
): Promise<CanvasTarget> {
  const profile =
    typeof profileOrName === 'string' ? await services.profiles.resolve(profileOrName) : profileOrName;
  if (profile.canvas === null) {
    throw new ServiceError('canvas_not_configured', `The profile "${profile.name}" has no Canvas settings.`, {
      detail: { profile: profile.name },
    });
  }
  // Held back (an error) when the token was saved for another Canvas origin than the profile has now.
  const token = await services.profiles.secretFor(profile, 'canvas.token');
  if (token === null || token.trim() === '') {
    throw new ServiceError(
      'canvas_token_missing',
      `No Canvas access token is stored for "${profile.name}".`,
      { detail: { profile: profile.name } },
    );
  }
  return {
    profile,
    baseUrl: profile.canvas.baseUrl,
    rootAccountId: profile.canvas.rootAccountId,
    token: token.trim(),
    http: networkFor(profile.network, { demo: profile.demo }),
  };
}
