import type { Profile, ProfileDraft } from '../../../../shared/profiles/profile';
import { DEMO_DISTRICT, startProvider, type DistrictSpec } from '../../../services/demo-provider/index';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { profileView } from './profiles';

export const DEMO_PROFILE_NAME = 'Demo district';

type DemoProvider = Awaited<ReturnType<typeof startProvider>>;

/**
 * "Open demo district": the bundled sample provider runs in-process on loopback, started once per app run.
 * Its port changes every run, so the demo profile is created once and re-pointed on each open.
 */
export class DemoLauncher {
  private provider: Promise<DemoProvider> | undefined;

  constructor(
    private readonly services: HandlerServices,
    /** The sample district it serves (tests pass data defects here). */
    private readonly district: DistrictSpec = DEMO_DISTRICT,
  ) {}

  handlers(): HandlerGroup<'demo:open'> {
    return { 'demo:open': async () => this.open() };
  }

  async open() {
    const provider = await this.ensureProvider();
    const draft: ProfileDraft = {
      name: DEMO_PROFILE_NAME,
      demo: true,
      oneroster: {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
    };
    // The demo profile keeps any name the user gave it; only its connection is re-pointed.
    const existing = (await this.services.profiles.list()).find((p) => p.demo);
    const profile = existing
      ? await this.services.profiles.update(existing.id, { demo: true, oneroster: draft.oneroster })
      : await this.services.profiles.create(draft);
    await this.services.vault.setSecret(profile.id, 'oneroster.clientSecret', provider.clientSecret);
    return profileView(this.services, profile);
  }

  /**
   * Before verifying a demo profile: after a restart its provider is not running (or moved port), so start it
   * and re-point the profile. A running provider is left alone, so a secret the user changed stays changed.
   */
  async ensureFor(profile: Profile): Promise<void> {
    const running = this.provider ? await this.provider.catch(() => undefined) : undefined;
    if (!running || running.baseUrl !== profile.oneroster.baseUrl) await this.open();
  }

  async close(): Promise<void> {
    const pending = this.provider;
    this.provider = undefined;
    if (pending) await (await pending.catch(() => undefined))?.close();
  }

  private ensureProvider(): Promise<DemoProvider> {
    if (this.provider) return this.provider;
    const starting = Promise.resolve(startProvider({ district: this.district }));
    // A failed start must not stick: the next click tries again.
    starting.catch(() => {
      if (this.provider === starting) this.provider = undefined;
    });
    this.provider = starting;
    return starting;
  }
}
