// Source tree only (tsx CLI, vitest, benchmarks): a worker thread does not inherit the parent's tsx hooks, so
// this registers tsx in the thread, then loads the TypeScript entry startWorker names (harness.ts). The built
// app starts the bundled `<name>-worker.js` instead.
import { register } from 'tsx/esm/api';

const FLAG = '--preflight-worker-entry=';
const arg = process.argv.find((a) => a.startsWith(FLAG));
if (arg === undefined) throw new Error(`boot.mjs needs ${FLAG}<file URL> (use startWorker)`);
register();
await import(arg.slice(FLAG.length));
