import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import { RULES_BY_ID } from '../../../shared/rules/catalog';
import { EntityType, Severity } from '../../../shared/rules/finding';
import { ImportMode } from '../../../shared/sync/import-mode';
import { ServiceError } from '../../../shared/errors';
import { withFileLock } from '../data-lock';
import { writeFileAtomic } from '../profiles/atomic-write';
import { describeZodError, invalidSettings, settingsFileCorrupt } from './errors';
import { ProfileSettingsFile, SETTINGS_FILE_VERSION, defaultSettings, type ProfileSettings } from './schema';

export const SETTINGS_DIR = 'settings';

export interface AcknowledgementInput {
  ruleId: string;
  entityType: string;
  sourcedId: string;
  reason: string;
  by: string;
  /** Defaults to now. */
  at?: string;
}

/**
 * Per-district (profile) mapping options and rule settings, one JSON file each, written atomically and validated
 * with zod on the way in and out. A damaged file is reported, never silently replaced. Writes to one profile
 * are serialised in the process and locked across processes (app + CLI), so concurrent changes do not lose each other.
 */
export class SettingsStore {
  readonly dir: string;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, SETTINGS_DIR);
  }

  fileOf(profileId: string): string {
    if (!/^[\w.-]{1,100}$/.test(profileId) || profileId.startsWith('.')) {
      throw new ServiceError(
        'settings_bad_profile_id',
        `"${profileId}" is not a profile id.`,
        'Pass the id of a saved profile.',
      );
    }
    return join(this.dir, `${profileId}.json`);
  }

  /** The district's settings; defaults when none were saved. */
  get(profileId: string): ProfileSettings {
    const file = this.fileOf(profileId);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw settingsFileCorrupt(file, 'not valid JSON');
    }
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > SETTINGS_FILE_VERSION) {
      throw new ServiceError(
        'settings_newer_version',
        `The settings file ${file} was written by a newer Roster Preflight (version ${version}).`,
        'Update Roster Preflight to use these settings.',
      );
    }
    const parsed = ProfileSettingsFile.safeParse(json);
    if (!parsed.success) throw settingsFileCorrupt(file, describeZodError(parsed.error));
    const { version: _version, ...settings } = parsed.data;
    return settings;
  }

  getMapping(profileId: string): MappingOptions {
    return this.get(profileId).mapping;
  }

  getRules(profileId: string): RuleSettings {
    return this.get(profileId).rules;
  }

  getImportMode(profileId: string): ImportMode {
    return this.get(profileId).importMode;
  }

  /** Saves the import mode the conversion simulation and the sync use (missing keys take their defaults). */
  async setImportMode(profileId: string, input: unknown): Promise<ImportMode> {
    const parsed = ImportMode.strict().safeParse(input ?? {});
    if (!parsed.success) throw invalidSettings('import mode', parsed.error);
    return this.update(profileId, (s) => ({ ...s, importMode: parsed.data })).then((s) => s.importMode);
  }

  /** Replaces the mapping options (missing keys take their defaults). Unknown keys are refused: they are typos. */
  async setMapping(profileId: string, input: unknown): Promise<MappingOptions> {
    const mapping = parseMappingOptions(input);
    return this.update(profileId, (s) => ({ ...s, mapping })).then((s) => s.mapping);
  }

  /** Replaces the rule settings; every blocker rule it downgrades or mutes must carry a reason in `downgrades`. */
  async setRules(profileId: string, input: unknown): Promise<RuleSettings> {
    const parsed = RuleSettings.safeParse(input);
    if (!parsed.success) throw invalidSettings('rule settings', parsed.error);
    for (const id of [...Object.keys(parsed.data.severityOverrides), ...parsed.data.muted]) knownRule(id);
    const missing = softenedBlockerRules(parsed.data).filter((id) => !parsed.data.downgrades[id]);
    if (missing.length > 0) {
      throw invalidSettings(
        'rule settings',
        `downgrading or muting a blocker rule needs a reason: add downgrades.${missing[0]} = {reason, by, at}`,
      );
    }
    return this.update(profileId, (s) => ({ ...s, rules: parsed.data })).then((s) => s.rules);
  }

  /** Muting a blocker rule takes it out of the verdict, so it needs `audit` (reason and who). */
  async setMuted(
    profileId: string,
    ruleId: string,
    muted: boolean,
    audit?: DowngradeAudit,
  ): Promise<RuleSettings> {
    knownRule(ruleId);
    const record = muted && isBlockerRule(ruleId) ? downgradeRecord(ruleId, audit) : null;
    return this.updateRules(profileId, (r) => {
      const set = new Set(r.muted);
      if (muted) set.add(ruleId);
      else set.delete(ruleId);
      return withDowngrade({ ...r, muted: [...set].sort() }, ruleId, record);
    });
  }

  /**
   * `severity: null` removes the override (back to the catalogue default). Lowering a blocker rule to warning or
   * info turns its blockers into non-blockers for the verdict, so it needs `audit` (reason and who).
   */
  async setSeverity(
    profileId: string,
    ruleId: string,
    severity: Severity | null,
    audit?: DowngradeAudit,
  ): Promise<RuleSettings> {
    knownRule(ruleId);
    if (severity !== null && !Severity.safeParse(severity).success) {
      throw invalidSettings('rule settings', `severity must be blocker, warning or info (got "${severity}")`);
    }
    const downgrading = isBlockerRule(ruleId) && severity !== null && severity !== 'blocker';
    const record = downgrading ? downgradeRecord(ruleId, audit) : null;
    return this.updateRules(profileId, (r) => {
      const { [ruleId]: _old, ...rest } = r.severityOverrides;
      const next = { ...r, severityOverrides: severity === null ? rest : { ...rest, [ruleId]: severity } };
      return withDowngrade(next, ruleId, record);
    });
  }

  /** Records (or replaces) the acknowledgement of one finding: who accepted it, why, when. */
  async acknowledge(profileId: string, input: AcknowledgementInput): Promise<RuleSettings> {
    knownRule(input.ruleId);
    if (!EntityType.safeParse(input.entityType).success) {
      throw invalidSettings('acknowledgement', `unknown entity type "${input.entityType}"`);
    }
    const ack = {
      ruleId: input.ruleId,
      entityType: input.entityType,
      sourcedId: input.sourcedId,
      reason: input.reason.trim(),
      by: input.by.trim(),
      at: input.at ?? new Date().toISOString(),
    };
    if (!ack.reason || !ack.by) {
      throw invalidSettings('acknowledgement', 'a reason and who acknowledged it are required');
    }
    return this.updateRules(profileId, (r) => ({
      ...r,
      acknowledgements: [...r.acknowledgements.filter((a) => !sameFinding(a, ack)), ack],
    }));
  }

  async unacknowledge(
    profileId: string,
    key: { ruleId: string; entityType: string; sourcedId: string },
  ): Promise<RuleSettings> {
    return this.updateRules(profileId, (r) => ({
      ...r,
      acknowledgements: r.acknowledgements.filter((a) => !sameFinding(a, key)),
    }));
  }

  /**
   * Changes the acknowledgements from their current value (read under the lock, so a parallel process's
   * acknowledgements are kept). `change` gets and returns the whole list.
   */
  async updateAcknowledgements(
    profileId: string,
    change: (acks: RuleSettings['acknowledgements']) => RuleSettings['acknowledgements'],
  ): Promise<RuleSettings> {
    return this.updateRules(profileId, (r) => {
      const parsed = RuleSettings.shape.acknowledgements.safeParse(change(r.acknowledgements));
      if (!parsed.success) throw invalidSettings('acknowledgement', parsed.error);
      return { ...r, acknowledgements: parsed.data };
    });
  }

  /** Deletes the district's settings (when its profile is deleted). */
  remove(profileId: string): void {
    rmSync(this.fileOf(profileId), { force: true });
  }

  private updateRules(profileId: string, change: (r: RuleSettings) => RuleSettings): Promise<RuleSettings> {
    return this.update(profileId, (s) => ({ ...s, rules: change(s.rules) })).then((s) => s.rules);
  }

  private update(
    profileId: string,
    change: (s: ProfileSettings) => ProfileSettings,
  ): Promise<ProfileSettings> {
    const file = this.fileOf(profileId);
    const previous = this.queues.get(profileId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      // The file lock keeps the app and CLI processes from losing each other's changes (read under the lock).
      .then(() =>
        withFileLock(file, async () => {
          const updated = change(this.get(profileId));
          const body: ProfileSettingsFile = { version: SETTINGS_FILE_VERSION, ...updated };
          mkdirSync(this.dir, { recursive: true, mode: 0o700 });
          await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
          return updated;
        }),
      );
    this.queues.set(profileId, next);
    return next;
  }
}

/** Validates mapping options from a file or the UI: defaults fill gaps, unknown keys are refused. */
export function parseMappingOptions(input: unknown): MappingOptions {
  const parsed = MappingOptions.strict().safeParse(input ?? {});
  if (!parsed.success) throw invalidSettings('mapping options', parsed.error);
  if (parsed.data.loginIdSource === 'userIds' && parsed.data.loginUserIdsType.trim() === '') {
    throw invalidSettings(
      'mapping options',
      'loginIdSource "userIds" needs loginUserIdsType (which userIds type holds the login)',
    );
  }
  return parsed.data;
}

/** Who downgrades or mutes a blocker rule, and why (the time is added here). */
export interface DowngradeAudit {
  reason: string;
  by: string;
  at?: string;
}

function isBlockerRule(ruleId: string): boolean {
  return RULES_BY_ID.get(ruleId)?.severity === 'blocker';
}

/** Blocker rules (by catalogue severity) that the settings mute or override to something milder. */
export function softenedBlockerRules(r: RuleSettings): string[] {
  const ids = new Set<string>(r.muted);
  for (const [id, sev] of Object.entries(r.severityOverrides)) if (sev !== 'blocker') ids.add(id);
  return [...ids].filter(isBlockerRule).sort();
}

function downgradeRecord(ruleId: string, audit: DowngradeAudit | undefined) {
  const reason = audit?.reason.trim() ?? '';
  const by = audit?.by.trim() ?? '';
  if (!reason || !by) {
    throw invalidSettings(
      'rule settings',
      `${ruleId} is a blocker rule: say why it may be downgraded or muted (a reason is required)`,
    );
  }
  return { reason: reason.slice(0, 500), by, at: audit?.at ?? new Date().toISOString() };
}

/** Records the new reason, or drops the old one once the rule is no longer softened. */
function withDowngrade(
  r: RuleSettings,
  ruleId: string,
  record: RuleSettings['downgrades'][string] | null,
): RuleSettings {
  const { [ruleId]: _old, ...rest } = r.downgrades;
  if (record) return { ...r, downgrades: { ...rest, [ruleId]: record } };
  return { ...r, downgrades: softenedBlockerRules(r).includes(ruleId) ? r.downgrades : rest };
}

function knownRule(ruleId: string): void {
  if (!RULES_BY_ID.has(ruleId)) {
    throw invalidSettings('rule settings', `unknown rule id "${ruleId}"`);
  }
}

function sameFinding(a: { ruleId: string; entityType: string; sourcedId: string }, b: typeof a): boolean {
  return a.ruleId === b.ruleId && a.entityType === b.entityType && a.sourcedId === b.sourcedId;
}
