/**
 * The few globals shared/ may use because both of its runtimes have them (Node and the renderer's Chromium):
 * tsconfig.shared.json gives shared/ neither Node nor DOM types, so anything platform-specific fails to compile.
 * Add a declaration here only for an API that exists, with this shape, in both.
 */
declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
  static canParse(url: string, base?: string): boolean;
}
