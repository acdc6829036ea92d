import { readFileSync } from 'node:fs';
import type { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import type { Profile } from '../../../shared/profiles/profile';
import type { Services } from '../container';
import { ServiceError } from '../../../shared/errors';
import { defaultSettings, parseMappingOptions } from '../settings';

export interface EvaluationTarget {
  snapshotId: string;
  profile: Profile | null;
  /** The profile whose stored settings apply (the named profile, else the snapshot's own). */
  settingsProfileId: string | null;
  options: MappingOptions;
  optionsFrom: 'profile' | 'file' | 'defaults';
  settings: RuleSettings;
}

export interface TargetRequest {
  /** A snapshot id, or 'latest' (default): the profile's newest complete snapshot, else the newest overall. */
  snapshot?: string;
  /** Profile name or id. */
  profile?: string;
  /** A JSON file of mapping options (replaces the profile's stored options; missing keys take defaults). */
  mappingFile?: string;
  /**
   * The app's strictness: a snapshot asked for by id must be the named profile's and complete (checked before a
   * job starts). The CLI leaves it off (a CSV import without a profile, `plan` over a cancelled pull).
   */
  strict?: boolean;
}

/**
 * Which snapshot to evaluate and under which options and rule settings: the one resolution behind `preflight
 * evaluate|report|sync|change-sis-id|plan` and the app's evaluations (services/evaluate/session.ts).
 */
export async function resolveEvaluationTarget(
  services: Pick<Services, 'profiles' | 'snapshots' | 'settings'>,
  request: TargetRequest,
): Promise<EvaluationTarget> {
  const profile = request.profile !== undefined ? await services.profiles.resolve(request.profile) : null;
  const snapshotId = resolveSnapshotId(
    services,
    request.snapshot ?? 'latest',
    profile,
    request.strict === true,
  );
  const settingsProfileId = profile?.id ?? services.snapshots.get(snapshotId)?.profileId ?? null;
  const stored = settingsProfileId !== null ? services.settings.get(settingsProfileId) : defaultSettings();
  const fromFile = request.mappingFile !== undefined ? readMappingFile(request.mappingFile) : null;
  return {
    snapshotId,
    profile,
    settingsProfileId,
    options: fromFile ?? stored.mapping,
    optionsFrom: fromFile ? 'file' : settingsProfileId !== null ? 'profile' : 'defaults',
    settings: stored.rules,
  };
}

function resolveSnapshotId(
  services: Pick<Services, 'snapshots'>,
  wanted: string,
  profile: Profile | null,
  strict: boolean,
): string {
  const store = services.snapshots;
  if (wanted !== 'latest') {
    const meta = store.get(wanted);
    if (meta === null || (strict && profile !== null && meta.profileId !== profile.id)) {
      throw new ServiceError('snapshot_not_found', `There is no snapshot ${wanted}.`, {
        detail: { snapshotId: wanted },
      });
    }
    if (strict && meta.status !== 'complete') {
      throw new ServiceError(
        'snapshot_not_complete',
        `Snapshot ${wanted} is ${meta.status}: its data may be partial, so it is not evaluated.`,
        { detail: { snapshotId: wanted, status: meta.status } },
      );
    }
    return wanted;
  }
  const latest = profile ? store.latestComplete(profile.id) : (store.list({ status: 'complete' })[0] ?? null);
  if (latest === null) {
    throw new ServiceError(
      'no_snapshot',
      profile ? `"${profile.name}" has no complete snapshot yet.` : 'There is no complete snapshot yet.',
      profile ? { detail: { profile: profile.name } } : undefined,
    );
  }
  return latest.id;
}

/** Reads and validates a mapping options file (a clear error names the file and the bad fields). */
export function readMappingFile(file: string): MappingOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ServiceError(
      'mapping_file_unreadable',
      `Cannot read the mapping file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check the path; the file holds mapping options as JSON, e.g. {"courseMode": "perCourseTermSchool"}.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceError('mapping_file_invalid', `The mapping file ${file} is not valid JSON.`, {
      detail: { file },
    });
  }
  return parseMappingOptions(json);
}
