import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the built preload and renderer sit relative to the main bundle (`out/main/index.js`). */
const here = dirname(fileURLToPath(import.meta.url));

export const PRELOAD_PATH = join(here, '../preload/index.cjs');
export const RENDERER_HTML = join(here, '../renderer/index.html');

export type RendererTarget = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** The dev server URL (set by `electron-vite dev`) when unpackaged, else the built renderer file. */
export function rendererTarget(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): RendererTarget {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: RENDERER_HTML };
}

/** True for our renderer page only (same file or same dev-server origin); hash and query are ignored. */
export function isTrustedRendererUrl(target: RendererTarget, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (target.kind === 'url') return url.origin === new URL(target.url).origin;
  const expected = pathToFileURL(target.path);
  return url.protocol === 'file:' && url.pathname === expected.pathname;
}
