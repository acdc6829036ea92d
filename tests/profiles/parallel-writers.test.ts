import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../test-support/e2e/build';

/**
 * The app and several CLI processes write profiles.json at once: with the cross-process lock, none of their
 * writes is lost (before it, 12 parallel `profiles add` kept 5). Each child adds one profile through the
 * ProfileStore, the code `profiles add` and the app's profiles:create run (a child loads only that store, so
 * twelve of them start quickly on a busy machine).
 */
const dir = mkdtempSync(join(tmpdir(), 'pf-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function addInChild(name: string): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['bin/run-ts.js', 'test-support/profiles/add-profile-child.ts', dir, name],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, err }));
  });
}

describe('profiles.json with parallel writers', () => {
  it('12 processes adding a profile each at the same time keep all 12', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `District ${String(i).padStart(2, '0')}`);
    const results = await Promise.all(names.map(addInChild));
    expect(
      results.map((r) => r.code),
      results.map((r) => r.err).join('\n'),
    ).toEqual(Array(12).fill(0));
    const saved = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as {
      profiles: { name: string }[];
    };
    expect(saved.profiles.map((p) => p.name).sort()).toEqual(names);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'profiles.json')).mode & 0o777).toBe(0o600);
  }, 180_000);
});
