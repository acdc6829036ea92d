// Source tree only (tsx CLI, vitest, benchmarks): a worker thread does not inherit the parent's tsx
// hooks, so this registers tsx and then loads the TypeScript worker. The built app runs the bundled
// conversion-worker.js instead (electron.vite.config.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
