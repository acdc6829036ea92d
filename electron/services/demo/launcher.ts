import type { Profile, ProfileDraft } from '../../../shared/profiles/profile';
import type { Services } from '../container';
import { DEMO_DISTRICT, type DistrictSpec } from '../demo-provider/index';
import { demoCanvasToken } from './servers';
import {
  startDemoCanvasThread,
  startDemoProviderThread,
  type DemoCanvasThread,
  type DemoProviderThread,
} from './servers-thread';

export const DEMO_PROFILE_NAME = 'Demo district';

/** Starts once, lazily; a failed start does not stick, so the next click tries again. */
class Lazy<T> {
  private pending: Promise<T> | undefined;
  constructor(private readonly start: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.pending) return this.pending;
    const starting = Promise.resolve().then(this.start);
    starting.catch(() => {
      if (this.pending === starting) this.pending = undefined;
    });
    this.pending = starting;
    return starting;
  }

  /** The running value, or undefined when not started (or its start failed). */
  async peek(): Promise<T | undefined> {
    return this.pending ? this.pending.catch(() => undefined) : undefined;
  }

  async reset(close: (value: T) => Promise<void>): Promise<void> {
    const value = await this.peek();
    this.pending = undefined;
    if (value !== undefined) await close(value);
  }
}

/**
 * "Open demo district": the bundled sample provider and a Canvas double serving the same district as Canvas
 * holds it today run on loopback, each on its own worker thread (not the main one), started once per app run.
 * Their ports change every run, so the demo profile is created once and re-pointed on each open; the secrets go
 * to the keychain like any district's.
 */
export class DemoLauncher {
  private readonly provider: Lazy<DemoProviderThread>;
  private readonly canvas: Lazy<DemoCanvasThread>;
  /** A fresh Canvas token per app run: the double only answers to it. */
  private readonly canvasToken = demoCanvasToken();

  constructor(
    private readonly services: Pick<Services, 'profiles' | 'vault'>,
    /** The sample district it serves (tests pass data defects here). */
    private readonly district: DistrictSpec = DEMO_DISTRICT,
  ) {
    // Each on its own thread: generating the district and serving a pull must not load the main thread.
    this.provider = new Lazy(() => startDemoProviderThread(this.district));
    this.canvas = new Lazy(() => startDemoCanvasThread(this.district, this.canvasToken));
  }

  /** Starts both servers (once) and points the demo profile at them; returns the profile. */
  async open(): Promise<Profile> {
    const [provider, canvas] = await Promise.all([this.provider.get(), this.canvas.get()]);
    const draft: ProfileDraft = {
      name: DEMO_PROFILE_NAME,
      demo: true,
      oneroster: {
        baseUrl: provider.baseUrl,
        clientId: provider.clientId,
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
      canvas: { baseUrl: canvas.url, rootAccountId: canvas.rootAccountId },
    };
    // The demo profile keeps any name the user gave it; only its connections are re-pointed.
    const existing = (await this.services.profiles.list()).find((p) => p.demo);
    const profile = existing
      ? await this.services.profiles.update(existing.id, {
          demo: true,
          oneroster: draft.oneroster,
          canvas: draft.canvas ?? null,
        })
      : await this.services.profiles.create(draft);
    await this.services.vault.setSecret(profile.id, 'oneroster.clientSecret', provider.clientSecret);
    await this.services.vault.setSecret(profile.id, 'canvas.token', this.canvasToken);
    return profile;
  }

  /**
   * Before verifying or pulling a demo profile: after a restart its provider is not running (or moved port), so
   * start it and re-point the profile. A running provider is left alone, so a secret the user changed stays changed.
   */
  async ensureFor(profile: Profile): Promise<void> {
    const running = await this.provider.peek();
    if (!running || running.baseUrl !== profile.oneroster.baseUrl) await this.open();
  }

  /** Before fetching a demo profile's Canvas baseline: the same, for the Canvas double. */
  async ensureCanvasFor(profile: Profile): Promise<void> {
    const running = await this.canvas.peek();
    if (!running || running.url !== profile.canvas?.baseUrl) await this.open();
  }

  async close(): Promise<void> {
    await Promise.all([this.provider.reset((p) => p.close()), this.canvas.reset((c) => c.close())]);
  }
}
