import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test-support/sequencer';

// Native modules (keytar, better-sqlite3) and real servers: run each file in its own forked process.
// Two forks on the 2-core CI machine: most files wait on loopback servers, child processes or the keychain, so
// the default (cores − 1 = one fork) left a core idle (node project: ~590 s with one fork, ~405 s with two).
// The e2e files share the two forks with the node files (they used to run one at a time after all the node files,
// the second fork idle); test-support/sequencer.ts starts the longest files first and keeps a browser file apart
// from another one and from the files that time the event loop.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ['default', './test-support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
