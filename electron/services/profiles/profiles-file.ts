import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Profile } from '../../../shared/profiles/profile';
import { writeFileAtomic } from './atomic-write';
import { fieldErrorsFromZod, profilesFileCorrupt } from './errors';
import type { FieldErrors } from './errors';

export const PROFILES_FILE_NAME = 'profiles.json';
export const PROFILES_FILE_VERSION = 1;

/** A record in profiles.json that failed validation: reported, skipped, and kept in a backup on rewrite. */
export interface SkippedProfile {
  index: number;
  name?: string;
  fields: FieldErrors;
}

export interface ProfilesFileContent {
  exists: boolean;
  profiles: Profile[];
  skipped: SkippedProfile[];
}

const Envelope = z.object({ version: z.number().int(), profiles: z.array(z.unknown()) });

/** Reads profiles.json. A missing file is an empty list; an unreadable one throws and is never touched. */
export async function readProfilesFile(file: string): Promise<ProfilesFileContent> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, profiles: [], skipped: [] };
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw profilesFileCorrupt(file, `it is not valid JSON (${(e as Error).message})`);
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    throw profilesFileCorrupt(file, 'it does not have the expected {"version": 1, "profiles": [...]} shape');
  }
  if (envelope.data.version !== PROFILES_FILE_VERSION) {
    throw profilesFileCorrupt(
      file,
      `it has format version ${envelope.data.version}, and this version of Roster Preflight reads version ${PROFILES_FILE_VERSION}` +
        (envelope.data.version > PROFILES_FILE_VERSION ? ' (was it written by a newer release?)' : ''),
    );
  }
  return { exists: true, ...validateRecords(envelope.data.profiles) };
}

function validateRecords(records: unknown[]): { profiles: Profile[]; skipped: SkippedProfile[] } {
  const profiles: Profile[] = [];
  const skipped: SkippedProfile[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  records.forEach((record, index) => {
    const name = nameOf(record);
    const parsed = Profile.safeParse(record);
    if (!parsed.success) {
      skipped.push({
        index,
        ...(name ? { name } : {}),
        fields: fieldErrorsFromZod(parsed.error),
      });
      return;
    }
    const key = nameKey(parsed.data.name);
    if (ids.has(parsed.data.id) || names.has(key)) {
      const field = ids.has(parsed.data.id) ? 'id' : 'name';
      skipped.push({
        index,
        name: parsed.data.name,
        fields: { [field]: `Duplicate ${field}; the first record wins` },
      });
      return;
    }
    ids.add(parsed.data.id);
    names.add(key);
    profiles.push(parsed.data);
  });
  return { profiles, skipped };
}

export async function writeProfilesFile(file: string, profiles: Profile[]): Promise<void> {
  const body = { version: PROFILES_FILE_VERSION, profiles };
  await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
}

/** Names are unique regardless of case and surrounding spaces. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en-US');
}

function nameOf(record: unknown): string | undefined {
  const name = (record as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}
