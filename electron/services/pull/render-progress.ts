import type { PullProgressEvent } from '../../../shared/pull/progress';

/**
 * Text renderings of pull progress for the CLI: a single rewritten line on a terminal, plain
 * timestamp-free lines (at most one every `plainEveryMs`) when stderr is a pipe or a log file.
 */

const nf = new Intl.NumberFormat('en-US');

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function running(event: PullProgressEvent): string {
  const active = event.collections.filter((c) => c.state === 'running').map((c) => c.collection);
  return active.length > 0 ? active.join(',') : event.phase;
}

export function progressLine(event: PullProgressEvent, width = 80): string {
  const pct = event.total && event.total > 0 ? Math.min(1, event.done / event.total) : null;
  const stats =
    ` ${nf.format(event.done)}${event.total !== null ? `/${nf.format(event.total)}` : ''} records` +
    ` ${nf.format(Math.round(event.rate))}/s ETA ${formatDuration(event.etaSeconds)} ×${event.concurrency} ${running(event)}`;
  const barWidth = Math.max(10, Math.min(30, width - stats.length - 8));
  const filled = pct === null ? 0 : Math.round(pct * barWidth);
  const bar = pct === null ? '·'.repeat(barWidth) : '█'.repeat(filled) + '░'.repeat(barWidth - filled);
  const pctText = pct === null ? '  ?%' : `${String(Math.floor(pct * 100)).padStart(3)}%`;
  return `${bar} ${pctText}${stats}`.slice(0, Math.max(20, width - 1));
}

export function plainLine(event: PullProgressEvent): string {
  const parts = event.collections
    .filter((c) => c.state !== 'pending')
    .map((c) => {
      const total = c.totalRecords !== null ? `/${c.totalRecords}` : '';
      return `${c.collection} ${c.records}${total}${c.state === 'running' ? '' : ` (${c.state})`}`;
    });
  const head = `pull ${event.phase}: ${event.done} records, ${Math.round(event.rate)}/s, ETA ${formatDuration(event.etaSeconds)}`;
  return parts.length > 0 ? `${head}; ${parts.join('; ')}` : head;
}

export interface ProgressPrinter {
  (event: PullProgressEvent): void;
  /** Ends the progress display (clears the bar line on a terminal). */
  end(): void;
}

/** Where progress goes: a terminal (bar) or anything else (plain lines). */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

export function createProgressPrinter(
  sink: ProgressSink,
  opts: { plainEveryMs?: number } = {},
): ProgressPrinter {
  const every = opts.plainEveryMs ?? 1_000;
  let last = 0;
  let lastPhase = '';
  let drawn = false;
  const print = ((event: PullProgressEvent) => {
    if (sink.isTTY) {
      sink.write(`\r\x1b[2K${progressLine(event, sink.columns ?? 80)}`);
      drawn = true;
      return;
    }
    const now = Date.now();
    if (event.phase === lastPhase && now - last < every) return;
    last = now;
    lastPhase = event.phase;
    sink.write(`${plainLine(event)}\n`);
  }) as ProgressPrinter;
  print.end = () => {
    if (sink.isTTY && drawn) sink.write('\r\x1b[2K');
    drawn = false;
  };
  return print;
}
