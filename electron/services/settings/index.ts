export {
  SettingsStore,
  parseMappingOptions,
  SETTINGS_DIR,
  type AcknowledgementInput,
} from './settings-store';
export { defaultSettings, type ProfileSettings, SETTINGS_FILE_VERSION } from './schema';
export { invalidSettings, settingsFileCorrupt } from './errors';
