export type { SecretStore } from './secret-store';
export { KeytarSecretStore, KeychainUnavailableError, KEYCHAIN_SERVICE } from './keytar-store';
export type { KeytarStoreOptions } from './keytar-store';
export { CredentialVault, MAX_SECRET_LENGTH } from './vault';
