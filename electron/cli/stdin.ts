import { cancelledError } from './errors';

/** Reads a non-interactive stdin (pipe, file, heredoc) to the end. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Prompts on a terminal without echoing what is typed or pasted (secrets must not show on screen or in
 * scrollback). Enter finishes, Ctrl+C cancels, Backspace edits.
 */
export function readHidden(
  input: NodeJS.ReadStream,
  write: (text: string) => void,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(cancelledError());
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    write(prompt);
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** `printf 'x\n' | …` and `echo x | …` add one newline; remove exactly that one. */
export function stripTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
