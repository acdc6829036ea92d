import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Profile, ProfileDraft } from '../../../shared/profiles/profile';
import type { CanvasSettings, OneRosterSettings } from '../../../shared/profiles/profile';
import type { LogFields, Logger } from '../logging/logger';
import type { CredentialVault } from '../secrets/vault';
import { InvalidProfileError, ProfileNameTakenError, ProfileNotFoundError } from './errors';
import { PROFILES_FILE_NAME, nameKey, readProfilesFile, writeProfilesFile } from './profiles-file';
import type { ProfilesFileContent, SkippedProfile } from './profiles-file';

/** What `update` accepts: any subset of the editable fields; `oneroster` is merged one level deep. */
export interface ProfilePatch {
  name?: string;
  demo?: boolean;
  oneroster?: Partial<z.input<typeof OneRosterSettings>>;
  /** Replaces the Canvas settings (null removes them); absent keeps them. */
  canvas?: z.input<typeof CanvasSettings> | null;
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
    if (!found) throw new ProfileNotFoundError(id);
    return found;
  }

  /** Case-insensitive. */
  async getByName(name: string): Promise<Profile> {
    const found = (await this.list()).find((p) => nameKey(p.name) === nameKey(name));
    if (!found) throw new ProfileNotFoundError(name);
    return found;
  }

  /** An id or a name (what users type on the command line). */
  async resolve(idOrName: string): Promise<Profile> {
    const profiles = await this.list();
    const found =
      profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => nameKey(p.name) === nameKey(idOrName));
    if (!found) throw new ProfileNotFoundError(idOrName);
    return found;
  }

  create(draft: ProfileDraft): Promise<Profile> {
    return this.mutate((profiles) => {
      const parsed = ProfileDraft.safeParse(draft);
      if (!parsed.success) throw InvalidProfileError.fromZod(parsed.error);
      assertNameFree(profiles, parsed.data.name);
      const at = this.now().toISOString();
      const profile = Profile.parse({ ...parsed.data, id: randomUUID(), createdAt: at, updatedAt: at });
      return {
        profiles: [...profiles, profile],
        result: profile,
        event: ['profile created', { id: profile.id, name: profile.name }],
      };
    });
  }

  update(id: string, patch: ProfilePatch): Promise<Profile> {
    return this.mutate((profiles) => {
      const index = profiles.findIndex((p) => p.id === id);
      const current = profiles[index];
      if (!current) throw new ProfileNotFoundError(id);
      const merged = {
        name: patch.name ?? current.name,
        demo: patch.demo ?? current.demo,
        oneroster: { ...current.oneroster, ...patch.oneroster },
        canvas: patch.canvas === undefined ? current.canvas : patch.canvas,
      };
      const parsed = ProfileDraft.safeParse(merged);
      if (!parsed.success) throw InvalidProfileError.fromZod(parsed.error);
      assertNameFree(profiles, parsed.data.name, id);
      const updated = Profile.parse({
        ...parsed.data,
        id,
        createdAt: current.createdAt,
        updatedAt: this.now().toISOString(),
      });
      const next = [...profiles];
      next[index] = updated;
      return { profiles: next, result: updated, event: ['profile updated', { id, name: updated.name }] };
    });
  }

  /** Deletes the profile's keychain secrets first, so a keychain failure leaves everything as it was. */
  remove(id: string): Promise<Profile> {
    return this.mutate(async (profiles) => {
      const found = profiles.find((p) => p.id === id);
      if (!found) throw new ProfileNotFoundError(id);
      const secretsDeleted = await this.vault.deleteAll(id);
      const event: LogEvent = ['profile removed', { id, name: found.name, secretsDeleted }];
      return { profiles: profiles.filter((p) => p.id !== id), result: found, event };
    });
  }

  /** Read-modify-write under an in-process lock; the file is replaced atomically. */
  private mutate<T>(change: (profiles: Profile[]) => Promise<Mutation<T>> | Mutation<T>): Promise<T> {
    const run = async (): Promise<T> => {
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
    throw new ProfileNameTakenError(name.trim());
}
