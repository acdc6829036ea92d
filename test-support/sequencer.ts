import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test file order for the 2-worker run (vitest.config.ts). A worker takes the next file in this order as soon as
 * it is free, so the order decides when the run ends: the longest files first (so both workers finish together,
 * not one idle while the other runs a 2-minute file that started last). A browser (e2e) file is placed where
 * the other worker is expected to run neither another browser file (two Chromiums at once would slow both and
 * crowd the "busy within 300 ms" checks) nor a file that times the event loop by the wall clock
 * (monitorEventLoopDelay, measureStalls): those keep sharing the machine with plain node files only, as when
 * the e2e files ran after all the others. The order comes from a simulation of the two workers with each
 * file's expected seconds: test-support/durations.json (measured; refresh with
 * test-support/durations-update.ts), else this machine's last run (vitest's cache), else a small default.
 */
const DURATIONS: Record<string, number> = JSON.parse(
  readFileSync(new URL('./durations.json', import.meta.url), 'utf8'),
) as Record<string, number>;
const DEFAULT_SECONDS = 2;
const WORKERS = 2;

type Kind = 'browser' | 'timing' | 'plain';
const TIMES_THE_LOOP = /\b(monitorEventLoopDelay|measureStalls)\b/;

function kindOf(spec: TestSpecification): Kind {
  if (spec.project.name === 'e2e') return 'browser';
  return TIMES_THE_LOOP.test(readFileSync(spec.moduleId, 'utf8')) ? 'timing' : 'plain';
}

/** Whether two files should not run at the same time: a browser file with another browser or a timing file. */
const clash = (a: Kind, b: Kind) => (a === 'browser' && b !== 'plain') || (b === 'browser' && a !== 'plain');

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId).split('\\').join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
      return DURATIONS[path] ?? (cached !== undefined ? cached / 1000 : DEFAULT_SECONDS);
    };
    // Longest first; ties by path, so the order is the same on every machine.
    const pending = [...files]
      .map((spec) => ({ spec, s: seconds(spec), kind: kindOf(spec) }))
      .sort((a, b) => b.s - a.s || a.spec.moduleId.localeCompare(b.spec.moduleId));

    // Simulate: each worker is free at `until` and last got a file of `kind`.
    const workers = Array.from({ length: WORKERS }, () => ({ until: 0, kind: 'plain' as Kind }));
    const order: TestSpecification[] = [];
    while (pending.length > 0) {
      const free = workers.reduce((a, b) => (b.until < a.until ? b : a));
      const busy = workers.filter((w) => w !== free && w.until > free.until).map((w) => w.kind);
      // The longest file that does not clash with what runs on the other worker; if all clash, the longest.
      const i = Math.max(
        0,
        pending.findIndex((p) => busy.every((k) => !clash(k, p.kind))),
      );
      const [next] = pending.splice(i, 1);
      order.push(next!.spec);
      free.until += next!.s;
      free.kind = next!.kind;
    }
    return order;
  }
}
