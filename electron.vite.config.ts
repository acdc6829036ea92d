import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { WORKER_ENTRIES } from './electron/services/worker/entries';

// Main and preload stay thin: services are plain Node and are bundled into main.
// Native modules (keytar, better-sqlite3) stay external and are loaded from node_modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // Every worker thread, as `<name>-worker.js` next to index.js (startWorker in electron/services/worker).
          ...Object.fromEntries(
            Object.entries(WORKER_ENTRIES).map(([name, entry]) => [`${name}-worker`, resolve(entry)]),
          ),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
