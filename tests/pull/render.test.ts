import { describe, expect, it } from 'vitest';
import type { PullProgressEvent } from '../../shared/pull/progress';
import { createProgressPrinter, formatDuration, plainLine, progressLine } from '../../electron/services/pull';

const event = (over: Partial<PullProgressEvent> = {}): PullProgressEvent => ({
  type: 'pull:progress',
  snapshotId: 's1',
  phase: 'pulling',
  done: 12_345,
  total: 50_000,
  rate: 2_500,
  etaSeconds: 75,
  concurrency: 4,
  elapsedMs: 5_000,
  collections: [
    {
      collection: 'orgs',
      state: 'done',
      records: 12,
      pages: 1,
      totalRecords: 12,
      totalPages: 1,
      rate: 0,
      etaSeconds: 0,
    },
    {
      collection: 'users',
      state: 'running',
      records: 12_333,
      pages: 13,
      totalRecords: 49_988,
      totalPages: 50,
      rate: 2_500,
      etaSeconds: 75,
    },
    {
      collection: 'enrollments',
      state: 'pending',
      records: 0,
      pages: 0,
      totalRecords: null,
      totalPages: null,
      rate: 0,
      etaSeconds: null,
    },
  ],
  ...over,
});

describe('progress rendering', () => {
  it('draws one terminal line with bar, counts, rate, ETA and what is running', () => {
    const line = progressLine(event(), 120);
    expect(line).toMatch(/^█+░+\s+24% 12,345\/50,000 records 2,500\/s ETA 01:15 ×4 users$/);
    expect(progressLine(event({ total: null, etaSeconds: null }), 120)).toContain('?%');
  });

  it('prints plain lines for logs, at most one per interval unless the phase changes', () => {
    const written: string[] = [];
    const print = createProgressPrinter(
      { write: (t) => written.push(t), isTTY: false },
      { plainEveryMs: 60_000 },
    );
    print(event());
    print(event({ done: 20_000 }));
    print(event({ phase: 'complete', done: 50_000 }));
    expect(written).toEqual([
      `${plainLine(event())}\n`,
      `${plainLine(event({ phase: 'complete', done: 50_000 }))}\n`,
    ]);
    expect(written[0]).toBe(
      'pull pulling: 12345 records, 2500/s, ETA 01:15; orgs 12/12 (done); users 12333/49988\n',
    );
  });

  it('rewrites the same line on a terminal and clears it at the end', () => {
    let out = '';
    const print = createProgressPrinter({ write: (t) => (out += t), isTTY: true, columns: 100 });
    print(event());
    print(event({ done: 13_000 }));
    print.end();
    expect(out.split('\r\x1b[2K')).toHaveLength(4);
    expect(out).not.toContain('\n');
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('--:--');
    expect(formatDuration(59.6)).toBe('01:00');
    expect(formatDuration(3_725)).toBe('1:02:05');
  });
});
