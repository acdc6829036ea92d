import { defineConfig } from 'vitest/config';

// Native modules (keytar, better-sqlite3) and real servers: run each file in its own forked process.
// Two forks on the 2-core CI machine: most files wait on loopback servers, child processes or the keychain, so
// the default (cores − 1 = one fork) left a core idle (node project: ~590 s with one fork, ~405 s with two).
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
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
          fileParallelism: false,
        },
      },
    ],
  },
});
