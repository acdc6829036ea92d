/**
 * The 3-method port every secret backend implements (keytar today; Electron safeStorage could replace it
 * without touching callers). Implementations must never fall back to plain-text storage.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}
