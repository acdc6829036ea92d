import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test file order for the 2-fork run (vitest.config.ts): a fork takes the next file as soon as it is free, so
 * the longest files go first and both forks finish together (on a clean clone vitest has no timings and started
 * the biggest files by size, leaving a long file to run alone at the end). Expected seconds per file come from
 * test-support/durations.json (measured; refresh with test-support/durations-update.ts), else this machine's last
 * run (vitest's cache), else a small default. The node and e2e groups keep their own order (groupOrder, project).
 */
const DURATIONS: Record<string, number> = JSON.parse(
  readFileSync(new URL('./durations.json', import.meta.url), 'utf8'),
) as Record<string, number>;
const DEFAULT_SECONDS = 2;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
      return DURATIONS[path] ?? (cached !== undefined ? cached / 1000 : DEFAULT_SECONDS);
    };
    // Longest first; ties by path, so the order is the same on every machine.
    return [...files]
      .map((spec) => ({ spec, s: seconds(spec) }))
      .sort((a, b) => b.s - a.s || a.spec.moduleId.localeCompare(b.spec.moduleId))
      .map(({ spec }) => spec);
  }
}
