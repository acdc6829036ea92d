import { z } from 'zod';
import { MappingOptions, RuleSettings } from '../../../shared/mapping/options';
import { DEFAULT_IMPORT_MODE, ImportMode } from '../../../shared/sync/import-mode';

export const SETTINGS_FILE_VERSION = 1;

/** `<dataDir>/settings/<profileId>.json`: one district's mapping options and rule settings. */
export const ProfileSettingsFile = z.object({
  version: z.literal(SETTINGS_FILE_VERSION),
  mapping: MappingOptions.default(MappingOptions.parse({})),
  rules: RuleSettings.default(RuleSettings.parse({})),
  /** The import mode the conversion simulation (and later the sync) uses. */
  importMode: ImportMode.default(DEFAULT_IMPORT_MODE),
});
export type ProfileSettingsFile = z.infer<typeof ProfileSettingsFile>;

export interface ProfileSettings {
  mapping: MappingOptions;
  rules: RuleSettings;
  importMode: ImportMode;
}

export function defaultSettings(): ProfileSettings {
  return {
    mapping: MappingOptions.parse({}),
    rules: RuleSettings.parse({}),
    importMode: DEFAULT_IMPORT_MODE,
  };
}
