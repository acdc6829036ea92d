import { z } from 'zod';
import { MappingOptions, RuleSettings } from '../../../shared/mapping/options';

export const SETTINGS_FILE_VERSION = 1;

/** `<dataDir>/settings/<profileId>.json`: one district's mapping options and rule settings. */
export const ProfileSettingsFile = z.object({
  version: z.literal(SETTINGS_FILE_VERSION),
  mapping: MappingOptions.default(MappingOptions.parse({})),
  rules: RuleSettings.default(RuleSettings.parse({})),
});
export type ProfileSettingsFile = z.infer<typeof ProfileSettingsFile>;

export interface ProfileSettings {
  mapping: MappingOptions;
  rules: RuleSettings;
}

export function defaultSettings(): ProfileSettings {
  return { mapping: MappingOptions.parse({}), rules: RuleSettings.parse({}) };
}
