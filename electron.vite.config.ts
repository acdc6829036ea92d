import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload stay thin: services are plain Node and are bundled into main.
// Native modules (keytar, better-sqlite3) stay external and are loaded from node_modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The pull's write thread (electron/services/pull/write-thread.ts loads it next to index.js).
          'pull-write-worker': resolve('electron/services/pull/write-worker.ts'),
          // Evaluate's rules thread (electron/services/evaluate/rules-thread.ts loads it next to index.js).
          'evaluate-rules-worker': resolve('electron/services/evaluate/rules-worker.ts'),
          // The conversion thread (electron/services/conversion/conversion-thread.ts loads it next to index.js).
          'conversion-worker': resolve('electron/services/conversion/worker-entry.ts'),
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
