/**
 * How a benchmark starts the children it measures: as the app ships them, unless `--from-source`.
 *
 * Built (the default): the children and every worker entry are bundled to JavaScript by Vite (as electron-vite
 * builds out/main: a Node build with rolldown), each entry as `<name>-worker.js` beside them, so `startWorker` loads its
 * threads the way the packaged app does. From source: through tsx, which transpiles every module on the fly in
 * every thread it starts (on bench:evaluate ~0.3–0.5 s of wall time and ~0.8 s of CPU: a cost only a developer's
 * checkout pays). docs/performance.md, "Measuring".
 */
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { WORKER_ENTRIES } from '../electron/services/worker/entries';

const ROOT = resolve(import.meta.dirname, '..');
const RUN_TS = join(ROOT, 'bin', 'run-ts.js');
/** Inside node_modules, so the bundles' bare imports (better-sqlite3, zod…) resolve from the project's. */
const OUT = join(ROOT, 'node_modules', '.cache', 'preflight-bench');

export const FROM_SOURCE_OPTION = { 'from-source': { type: 'boolean', default: false } } as const;

/** Node arguments (after the executable) that run a child, e.g. `bench/import/import-child.ts`. */
export type ChildArgs = (child: string, ...args: string[]) => string[];

/** Builds the children once (about a quarter second) and returns how to start one. */
export async function benchChildren(children: readonly string[], fromSource: boolean): Promise<ChildArgs> {
  if (fromSource) return (child, ...args) => [RUN_TS, join(ROOT, child), ...args];
  const name = (child: string) => child.replace(/^.*\//, '').replace(/\.ts$/, '');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      // A Node build: packages stay packages (native ones must), only the project's own modules are bundled.
      ssr: true,
      outDir: OUT,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: {
        input: {
          ...Object.fromEntries(children.map((c) => [name(c), join(ROOT, c)])),
          ...Object.fromEntries(
            Object.entries(WORKER_ENTRIES).map(([n, entry]) => [`${n}-worker`, join(ROOT, entry)]),
          ),
        },
        output: { format: 'esm', entryFileNames: '[name].js' },
      },
    },
  });
  return (child, ...args) => [join(OUT, `${name(child)}.js`), ...args];
}

/** How the children ran, for the benchmark's first line. */
export function childrenNote(fromSource: boolean): string {
  return fromSource ? 'children from source (tsx)' : 'children built as the app ships them (vite)';
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
