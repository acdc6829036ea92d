/** OneRoster 1.1 REST client (plain Node): used by verify and pull. */
export {
  OneRosterClient,
  type OneRosterClientConfig,
  type OneRosterResponse,
  type RequestOptions,
  type RetryInfo,
} from './client';
export { OneRosterError, DEFAULT_HINTS, type OneRosterErrorCode } from './errors';
export type { Page, PageParams } from './page';
export type { PagesParams } from './paging';
export { parseStatusInfo, type StatusInfo } from './status-info';
export { parseLinkHeader, buildUrl } from './url';
export { DEFAULT_SCOPE_CANDIDATES } from './oauth2';
export * from './oauth1';
