import type { OneRosterClient } from '../oneroster/client';
import type { ClientAuth } from './run';

/**
 * A client that reached the server and got past authentication (or at least past the gate). Its own module so
 * the connection steps (connection.ts) and the diagnoses they call (auth-diagnosis.ts, base-path.ts) share it
 * without importing each other.
 */
export interface Connection {
  client: OneRosterClient;
  baseUrl: string;
  auth: ClientAuth;
}
