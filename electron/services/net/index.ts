/** The one HTTP client (axios) with proxies and trusted CAs, for the OneRoster and Canvas clients. */
export { HttpClient, type NetworkDescription } from './http-client';
export { classifyCertificate, type CertificateVerdict } from './certificate-probe';
export {
  configureNetwork,
  defaultNetwork,
  networkFor,
  type NetworkDefaults,
  type ProfileNetworkSettings,
} from './network';
export {
  directResolver,
  displayProxy,
  environmentResolver,
  parsePacResult,
  profileResolver,
  systemResolver,
  type ProfileProxy,
  type ProxyChoice,
  type ProxyResolver,
  type ProxySource,
} from './proxy';
export { proxyError, proxyHint, type ProxyErrorCode } from './proxy-error';
export { caFileError, loadTrust, readCaFile, type Trust, type TrustSettings } from './trust';
