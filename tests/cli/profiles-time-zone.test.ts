import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function profilesFile(): Array<{ name: string; timeZone: string | null }> {
  return (JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as { profiles: never[] }).profiles;
}

const addArgs = (name: string) => [
  'profiles',
  'add',
  '--data-dir',
  dir,
  '--name',
  name,
  '--base-url',
  'https://or.example/ims/oneroster/v1p1',
  '--client-id',
  'k',
];

describe('preflight profiles: time zone', () => {
  it('adds with --time-zone, changes it with `profiles time-zone`, back to machine, and refuses an unknown zone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-tz-'));
    const add = await run([...addArgs('Springfield'), '--time-zone', 'America/Chicago']);
    expect(add).toMatchObject({ code: 0, err: '' });
    expect(profilesFile()[0]!.timeZone).toBe('America/Chicago');

    const badAdd = await run([...addArgs('Shelbyville'), '--time-zone', 'Mars/Olympus_Mons']);
    expect(badAdd.code).toBe(2);
    expect(badAdd.err).toContain('Unknown time zone "Mars/Olympus_Mons"');
    expect(badAdd.err).toContain('America/Chicago');
    expect(profilesFile().map((p) => p.name)).toEqual(['Springfield']);

    const set = await run(['profiles', 'time-zone', 'Springfield', 'Asia/Kathmandu', '--data-dir', dir]);
    expect(set).toMatchObject({ code: 0, out: 'Time zone for "Springfield": Asia/Kathmandu.\n' });
    expect(profilesFile()[0]!.timeZone).toBe('Asia/Kathmandu');

    const bad = await run(['profiles', 'time-zone', 'Springfield', 'Central Time', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown time zone "Central Time"');
    expect(profilesFile()[0]!.timeZone).toBe('Asia/Kathmandu');

    const machine = await run(['profiles', 'time-zone', 'Springfield', 'machine', '--data-dir', dir]);
    expect(machine.code).toBe(0);
    expect(machine.out).toContain("this computer's (");
    expect(profilesFile()[0]!.timeZone).toBeNull();
  });
});
