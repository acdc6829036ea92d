import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function profilesFile(): Array<{ name: string; canvas: unknown }> {
  return (JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as { profiles: never[] }).profiles;
}

describe('preflight profiles: Canvas settings', () => {
  it('adds a profile with Canvas settings, changes them, removes them, and refuses a bad URL or account id', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-canvas-'));
    const base = ['--data-dir', dir];
    const add = await run([
      'profiles',
      'add',
      ...base,
      '--name',
      'Springfield',
      '--base-url',
      'https://or.example/ims/oneroster/v1p1',
      '--client-id',
      'k',
      '--canvas-url',
      'https://springfield.instructure.com',
    ]);
    expect(add.code).toBe(0);
    expect(profilesFile()[0]!.canvas).toEqual({
      baseUrl: 'https://springfield.instructure.com',
      rootAccountId: '1',
    });

    const set = await run([
      'profiles',
      'canvas',
      'Springfield',
      ...base,
      '--canvas-url',
      'https://sf.test',
      '--canvas-account-id',
      '7',
    ]);
    expect(set.code).toBe(0);
    expect(set.out).toContain('--kind canvas.token');
    expect(profilesFile()[0]!.canvas).toEqual({ baseUrl: 'https://sf.test', rootAccountId: '7' });

    const bad = await run([
      'profiles',
      'canvas',
      'Springfield',
      ...base,
      '--canvas-url',
      'https://sf.test',
      '--canvas-account-id',
      'abc',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/root account id/);
    expect(profilesFile()[0]!.canvas).toEqual({ baseUrl: 'https://sf.test', rootAccountId: '7' });

    const none = await run(['profiles', 'canvas', 'Springfield', ...base]);
    expect(none.code).toBe(2);

    const removed = await run(['profiles', 'canvas', 'Springfield', ...base, '--remove']);
    expect(removed.code).toBe(0);
    expect(profilesFile()[0]!.canvas).toBeNull();
  });
});
