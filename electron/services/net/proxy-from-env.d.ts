// proxy-from-env ships no types: its one function, as documented in its README.
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string;
}
