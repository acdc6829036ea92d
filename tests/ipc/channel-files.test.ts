import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One handler file per channel file (docs/architecture.md, "Where each workflow lives"): every channel declared in
 * shared/ipc/channels/<domain>.ts is handled in electron/main/ipc/domains/<domain>.ts and nowhere else, and
 * domains/ holds nothing but those handler files (workflow logic lives in electron/services).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CHANNELS = join(ROOT, 'shared', 'ipc', 'channels');
const DOMAINS = join(ROOT, 'electron', 'main', 'ipc', 'domains');

const tsFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();

/** The channel names a channels module declares (the keys of its exported `…Channels` map). */
async function declaredChannels(file: string): Promise<string[]> {
  const mod = (await import(join(CHANNELS, file))) as Record<string, unknown>;
  const maps = Object.entries(mod).filter(([name]) => name.endsWith('Channels'));
  expect(maps, `${file} exports one …Channels map`).toHaveLength(1);
  return Object.keys(maps[0]![1] as object).sort();
}

/** The channels a handler file's text implements: its `'domain:verb': async …` entries. */
function channelsIn(text: string): string[] {
  return [...text.matchAll(/'([a-zA-Z]+:[a-zA-Z]+)':\s*async\b/g)].map((m) => m[1]!).sort();
}

const handledChannels = (file: string): string[] => channelsIn(readFileSync(join(DOMAINS, file), 'utf8'));

describe('channel files and handler files pair up', () => {
  it('has one handler file for each channel file, and no other file in domains/', () => {
    expect(tsFiles(DOMAINS)).toEqual(tsFiles(CHANNELS));
  });

  it('handles every channel in the file named like its channel file, and nowhere else', async () => {
    const seen = new Map<string, string>();
    for (const file of tsFiles(CHANNELS)) {
      const handled = handledChannels(file);
      expect(handled, `domains/${file}`).toEqual(await declaredChannels(file));
      for (const ch of handled) seen.set(ch, file);
    }
    for (const file of tsFiles(DOMAINS)) {
      for (const ch of handledChannels(file)) expect(seen.get(ch), `${ch} in domains/${file}`).toBe(file);
    }
  });

  it('notices a handler placed in the wrong file', async () => {
    const verifyText = readFileSync(join(DOMAINS, 'verify.ts'), 'utf8');
    const misplaced = `${verifyText}\nconst x = { 'jobs:cancel': async () => ({ cancelled: false }) };\n`;
    expect(channelsIn(verifyText)).toEqual(await declaredChannels('verify.ts'));
    expect(channelsIn(misplaced)).not.toEqual(await declaredChannels('verify.ts'));
  });
});
