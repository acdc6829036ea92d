import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A UTF-8 file written piece by piece with back-pressure; `close()` resolves once it is on disk. */
export function openTextFile(path: string): { write(text: string): Promise<void>; close(): Promise<void> } {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
  failed.catch(() => undefined);
  return {
    async write(text) {
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    },
    async close() {
      out.end();
      await Promise.race([once(out, 'finish'), failed]);
    },
  };
}
