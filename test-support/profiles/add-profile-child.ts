// One process of the parallel-writers test: adds one profile through the ProfileStore (what `preflight profiles
// add` and the app's profiles:create call), with the real cross-process lock. Usage: DATA_DIR NAME.
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import type { SecretStore } from '../../electron/services/secrets/secret-store';
import { CredentialVault } from '../../electron/services/secrets/vault';

const [dataDir, name] = process.argv.slice(2);
const noSecrets: SecretStore = {
  get: () => Promise.resolve(null),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
};
const store = new ProfileStore({ dataDir: dataDir!, vault: new CredentialVault(noSecrets) });
await store.create({
  name: name!,
  oneroster: {
    baseUrl: 'https://or.example.org/ims/oneroster/v1p1',
    clientId: 'k',
    auth: { kind: 'oauth1' },
  },
});
