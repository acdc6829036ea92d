import type { DistrictSpec } from '../demo-provider';
import type { WorkerFailure } from '../worker';

/** What a demo server thread is started with (workerData): which server, for which district. */
export type DemoServerJob =
  /** `maxLimit`: the largest page the provider serves (ProviderOptions.maxLimit; tests of large pages). */
  | { kind: 'provider'; district: DistrictSpec; maxLimit?: number }
  | { kind: 'canvas'; district: DistrictSpec; token: string };

/** Where the server listens (and, for the provider, its generated credentials: loopback demo only). */
export type DemoServerInfo =
  | { kind: 'provider'; baseUrl: string; clientId: string; clientSecret: string }
  | { kind: 'canvas'; url: string; rootAccountId: string };

export type ToDemoServerWorker = { type: 'close' };

export type FromDemoServerWorker =
  { type: 'ready'; info: DemoServerInfo } | { type: 'closed' } | { type: 'failed'; error: WorkerFailure };
