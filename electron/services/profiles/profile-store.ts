import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Profile, ProfileDraft } from '../../../shared/profiles/profile';
import type { CanvasSettings, OneRosterSettings, SecretKind } from '../../../shared/profiles/profile';
import type { NetworkSettings } from '../../../shared/profiles/network';
import { withFileLock } from '../data-lock';
import type { LogFields, Logger } from '../logging/logger';
import type { CredentialVault } from '../secrets/vault';
import { invalidProfileFromZod, profileNameTaken, profileNotFound } from './errors';
import { assertSecureUrls, boundSecretKinds, secretBinding, secretHeldBack } from './secret-binding';
import { PROFILES_FILE_NAME, nameKey, readProfilesFile, writeProfilesFile } from './profiles-file';
import type { ProfilesFileContent, SkippedProfile } from './profiles-file';

/** What `update` accepts: any subset of the editable fields; `oneroster` is merged one level deep. */
export interface ProfilePatch {
  name?: string;
  demo?: boolean;
  oneroster?: Partial<z.input<typeof OneRosterSettings>>;
  /** Replaces the Canvas settings (null removes them); absent keeps them. */
  canvas?: z.input<typeof CanvasSettings> | null;
  /** Replaces the proxy / CA settings (null = the system's); absent keeps them. */
  network?: z.input<typeof NetworkSettings> | null;
  /** IANA time zone of the district's dates (null = this computer's); absent keeps it. */
  timeZone?: string | null;
}

export interface ProfileStoreOptions {
  dataDir: string;
  vault: CredentialVault;
  logger?: Logger;
  now?: () => Date;
}

/**
 * District profiles (non-secret settings) in `<dataDir>/profiles.json`. Writes are atomic and serialised
 * within the process; secrets live in the vault and are deleted with their profile.
 */
export class ProfileStore {
  readonly file: string;
  private readonly dataDir: string;
  private readonly vault: CredentialVault;
  private readonly logger: Logger | undefined;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ProfileStoreOptions) {
    this.dataDir = options.dataDir;
    this.file = join(options.dataDir, PROFILES_FILE_NAME);
    this.vault = options.vault;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Valid profiles, sorted by name. Invalid records are skipped: see `problems()`. */
  async list(): Promise<Profile[]> {
    const { profiles } = await readProfilesFile(this.file);
    return profiles.sort((a, b) => a.name.localeCompare(b.name, 'en-US', { sensitivity: 'base' }));
  }

  /** Records in profiles.json that failed validation and are therefore not listed. */
  async problems(): Promise<SkippedProfile[]> {
    return (await readProfilesFile(this.file)).skipped;
  }

  async get(id: string): Promise<Profile> {
    const found = (await this.list()).find((p) => p.id === id);
    if (!found) throw profileNotFound(id);
    return found;
  }

  /** Case-insensitive. */
  async getByName(name: string): Promise<Profile> {
    const found = (await this.list()).find((p) => nameKey(p.name) === nameKey(name));
    if (!found) throw profileNotFound(name);
    return found;
  }

  /** An id or a name (what users type on the command line). */
  async resolve(idOrName: string): Promise<Profile> {
    const profiles = await this.list();
    const found =
      profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => nameKey(p.name) === nameKey(idOrName));
    if (!found) throw profileNotFound(idOrName);
    return found;
  }

  create(draft: ProfileDraft): Promise<Profile> {
    return this.mutate((profiles) => {
      const parsed = ProfileDraft.safeParse(draft);
      if (!parsed.success) throw invalidProfileFromZod(parsed.error);
      assertSecureUrls(parsed.data);
      assertNameFree(profiles, parsed.data.name);
      const at = this.now().toISOString();
      const profile = Profile.parse({
        ...parsed.data,
        secretOrigins: {},
        id: randomUUID(),
        createdAt: at,
        updatedAt: at,
      });
      return {
        profiles: [...profiles, profile],
        result: profile,
        event: ['profile created', { id: profile.id, name: profile.name }],
      };
    });
  }

  /**
   * Edits a profile. When an edit moves the OneRoster, token or Canvas URL to another origin, the secrets saved
   * for the old origin are deleted from the keychain (before the file is written): they must be entered again
   * for the new server, so a changed URL can never receive credentials meant for another.
   */
  update(id: string, patch: ProfilePatch): Promise<Profile> {
    return this.mutate(async (profiles) => {
      const index = profiles.findIndex((p) => p.id === id);
      const current = profiles[index];
      if (!current) throw profileNotFound(id);
      const merged = {
        name: patch.name ?? current.name,
        demo: patch.demo ?? current.demo,
        oneroster: { ...current.oneroster, ...patch.oneroster },
        canvas: patch.canvas === undefined ? current.canvas : patch.canvas,
        network: patch.network === undefined ? current.network : patch.network,
        timeZone: patch.timeZone === undefined ? current.timeZone : patch.timeZone,
      };
      const parsed = ProfileDraft.safeParse(merged);
      if (!parsed.success) throw invalidProfileFromZod(parsed.error);
      assertSecureUrls(parsed.data);
      assertNameFree(profiles, parsed.data.name, id);
      const secretOrigins = { ...current.secretOrigins };
      const secretsDeleted: SecretKind[] = [];
      for (const kind of boundSecretKinds()) {
        if (secretBinding(current, kind) === secretBinding(parsed.data, kind)) continue;
        if (await this.vault.deleteSecret(id, kind)) secretsDeleted.push(kind);
        delete secretOrigins[kind];
      }
      const updated = Profile.parse({
        ...parsed.data,
        secretOrigins,
        id,
        createdAt: current.createdAt,
        updatedAt: this.now().toISOString(),
      });
      const next = [...profiles];
      next[index] = updated;
      return {
        profiles: next,
        result: updated,
        event: [
          'profile updated',
          { id, name: updated.name, ...(secretsDeleted.length ? { secretsDeleted } : {}) },
        ],
      };
    });
  }

  /** Stores a secret and binds it to the profile's current origins (the only way secrets should be saved). */
  setSecret(id: string, kind: SecretKind, value: string): Promise<Profile> {
    return this.mutate(async (profiles) => {
      const index = profiles.findIndex((p) => p.id === id);
      const current = profiles[index];
      if (!current) throw profileNotFound(id);
      await this.vault.setSecret(id, kind, value);
      const binding = secretBinding(current, kind);
      const secretOrigins = { ...current.secretOrigins };
      if (binding === null) delete secretOrigins[kind];
      else secretOrigins[kind] = binding;
      const updated: Profile = { ...current, secretOrigins };
      const next = [...profiles];
      next[index] = updated;
      return { profiles: next, result: updated, event: ['secret bound', { id, kind }] };
    });
  }

  /**
   * A secret for use in a request, or null when none is stored. Throws `secret_origin_changed` when the secret
   * was saved for other origins than the profile now has (an edit by another process or an older version):
   * it is held back, never sent.
   */
  async secretFor(profile: Profile, kind: SecretKind): Promise<string | null> {
    const held = secretHeldBack(profile, kind);
    if (held) throw held;
    return this.vault.getSecret(profile.id, kind);
  }

  /** Deletes the profile's keychain secrets first, so a keychain failure leaves everything as it was. */
  remove(id: string): Promise<Profile> {
    return this.mutate(async (profiles) => {
      const found = profiles.find((p) => p.id === id);
      if (!found) throw profileNotFound(id);
      const secretsDeleted = await this.vault.deleteAll(id);
      const event: LogEvent = ['profile removed', { id, name: found.name, secretsDeleted }];
      return { profiles: profiles.filter((p) => p.id !== id), result: found, event };
    });
  }

  /**
   * Read-modify-write under an in-process queue and a cross-process file lock (the app and several CLI
   * processes may write at once); the file is replaced atomically.
   */
  private mutate<T>(change: (profiles: Profile[]) => Promise<Mutation<T>> | Mutation<T>): Promise<T> {
    const run = (): Promise<T> => withFileLock(this.file, locked);
    const locked = async (): Promise<T> => {
      const content = await readProfilesFile(this.file);
      const { profiles, result, event } = await change(content.profiles);
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      await this.backUpSkipped(content);
      await writeProfilesFile(this.file, profiles);
      this.logger?.info(...event);
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rewriting drops records that failed validation; keep the original so nothing is lost. */
  private async backUpSkipped(content: ProfilesFileContent): Promise<void> {
    if (content.skipped.length === 0) return;
    const copy = `${this.file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(this.file, copy);
    this.logger?.warn('profiles.json had invalid records; kept a copy before rewriting', {
      copy,
      skipped: content.skipped.map((s) => ({ index: s.index, name: s.name, fields: s.fields })),
    });
  }
}

type LogEvent = [message: string, fields: LogFields];

interface Mutation<T> {
  profiles: Profile[];
  result: T;
  /** Logged once the file is written. */
  event: LogEvent;
}

function assertNameFree(profiles: Profile[], name: string, exceptId?: string): void {
  if (profiles.some((p) => p.id !== exceptId && nameKey(p.name) === nameKey(name)))
    throw profileNameTaken(name.trim());
}
