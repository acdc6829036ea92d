import { MessageChannel } from 'node:worker_threads';
import type { OneRosterClient } from '../oneroster/client';
import { ParseThread } from '../pull/parse-thread';

/** What the paging check needs of a page as large as the pull's: how many records, what the headers said. */
export interface PageCount {
  count: number;
  totalCount: number | null;
  latencyMs: number;
}

/**
 * Pages asked for with at least this many records are read on a parse thread: reading 10,000 records holds a
 * thread for ~100 ms (the large demo district, docs/architecture.md), smaller pages are read here.
 */
export const PARSE_THREAD_FROM = 2_000;

export interface PageCounter {
  count(limit: number, offset: number): Promise<PageCount>;
  close(): Promise<void>;
}

/**
 * Counts the records of pages of `path`. From `threadFrom` records asked for, the body arrives as bytes and is
 * read on the pull's parse thread (pull/parse-thread.ts, started on first use; nothing is written), so a
 * profile with a large page size does not stall the app's main thread during verify.
 */
export function pageCounter(
  client: OneRosterClient,
  path: string,
  signal: AbortSignal,
  threadFrom = PARSE_THREAD_FROM,
): PageCounter {
  let parser: { thread: ParseThread; channel: MessageChannel } | null = null;
  return {
    async count(limit, offset) {
      if (limit < threadFrom) {
        const page = await client.fetchPage(path, { limit, offset }, { signal });
        return { count: page.records.length, totalCount: page.totalCount, latencyMs: page.latencyMs };
      }
      const raw = await client.fetchPageBytes(path, { limit, offset }, { signal });
      if (parser === null) {
        // The thread expects a write thread's port; verify never writes, so this one is never used.
        const channel = new MessageChannel();
        parser = { thread: new ParseThread(channel.port1, () => {}), channel };
      }
      const page = await parser.thread.parse(raw);
      parser.thread.drop(page);
      return { count: page.count, totalCount: raw.totalCount, latencyMs: raw.latencyMs };
    },
    async close() {
      if (parser === null) return;
      await parser.thread.close();
      parser.channel.port2.close();
    },
  };
}
