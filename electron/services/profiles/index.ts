export { ProfileStore } from './profile-store';
export type { ProfilePatch, ProfileStoreOptions } from './profile-store';
export {
  InvalidProfileError,
  ProfileNameTakenError,
  ProfileNotFoundError,
  ProfilesFileCorruptError,
} from './errors';
export type { FieldErrors } from './errors';
export { PROFILES_FILE_NAME, PROFILES_FILE_VERSION } from './profiles-file';
export type { SkippedProfile } from './profiles-file';
export { writeFileAtomic } from './atomic-write';
