import type { DistrictSpec } from './district/spec';
import type { GeneratedDistrict } from './district/model';
import type { Faults } from './server/faults';

export interface ProviderAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** Default: both. */
  oauth1Methods?: Array<'HMAC-SHA256' | 'HMAC-SHA1'>;
  /** Accepted |client clock − server clock| for oauth_timestamp; default 300. */
  timestampWindowSec?: number;
  oauth2?: {
    /** Default '/oauth/token'. */
    tokenPath?: string;
    /** Default: the seven OneRoster 1.1 scope URIs. */
    acceptedScopes?: string[] | 'any' | 'none-only';
    /** Default 3600. */
    tokenTtlSec?: number;
    /** Refuse data requests (403) whose token scopes don't cover the endpoint. Default false. */
    enforceScopes?: boolean;
  };
}

export interface ProviderOptions {
  host?: '127.0.0.1';
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default '/ims/oneroster/v1p1' ('/ims/oneroster/rostering/v1p2' for version 1.2). */
  basePath?: string;
  /** '1.2': OAuth 2 only, users with `roles[]` instead of `role` + `orgs`. Default '1.1'. */
  version?: '1.1' | '1.2';
  /** Default: the 'small' preset. */
  district?: DistrictSpec | GeneratedDistrict;
  auth?: ProviderAuthOptions;
  faults?: Faults;
  /** Largest page the server serves, silently clamping `limit`; default 10000. */
  maxLimit?: number;
}

export interface ProviderStats {
  requests: number;
  byPath: Record<string, number>;
  served429: number;
  served5xx: number;
  dropped: number;
  authFailures: number;
}

export interface RunningProvider {
  origin: string;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  district: GeneratedDistrict;
  /** Replaces the faults (pass {} to switch them all off). */
  setFaults(f: Faults): void;
  stats(): ProviderStats;
  close(): Promise<void>;
}
