import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import type { Services } from '../../electron/services/container';

const root = mkdtempSync(join(tmpdir(), 'preflight-pfile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let services: Services;
let n = 0;
beforeEach(() => {
  const dataDir = join(root, `d${++n}`);
  mkdirSync(dataDir);
  services = createServices({ dataDir });
});

const valid = (id: string, name: string) => ({
  id,
  name,
  oneroster: { baseUrl: 'https://or.example.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' } },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const newDraft = {
  name: 'New District',
  oneroster: { baseUrl: 'https://new.example.org/v1p1', clientId: 'k', auth: { kind: 'oauth1' as const } },
};

describe('profiles.json robustness', () => {
  it('a missing file is an empty list', async () => {
    expect(await services.profiles.list()).toEqual([]);
    expect(await services.profiles.problems()).toEqual([]);
  });

  it.each([
    ['truncated JSON', '{"version":1,"profiles":[{"id":"a"', /not valid JSON/],
    ['wrong shape', '[1,2,3]', /expected \{"version": 1/],
    ['newer format', '{"version":2,"profiles":[]}', /format version 2.*newer release/],
  ])('reports %s as profiles_corrupt and never overwrites it', async (_label, content, detail) => {
    writeFileSync(services.profiles.file, content);
    const error = await services.profiles.list().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'profiles_corrupt',
      hint: expect.stringMatching(/will not overwrite/),
    });
    expect((error as Error).message).toMatch(detail);
    expect((error as Error).message).toContain(services.profiles.file);
    await expect(services.profiles.create(newDraft)).rejects.toMatchObject({ code: 'profiles_corrupt' });
    await expect(services.profiles.remove('a')).rejects.toMatchObject({ code: 'profiles_corrupt' });
    expect(readFileSync(services.profiles.file, 'utf8')).toBe(content);
    expect(readdirSync(services.dataDir).filter((f) => f !== 'logs')).toEqual(['profiles.json']);
  });

  it('skips and reports invalid records, and keeps a .corrupt copy before the first rewrite', async () => {
    const original = JSON.stringify({
      version: 1,
      profiles: [
        valid('a', 'Alpha'),
        {
          ...valid('b', 'Broken'),
          oneroster: { baseUrl: 'not a url', clientId: 'k', auth: { kind: 'oauth1' } },
        },
        valid('c', 'ALPHA'),
        valid('a', 'Duplicate Id'),
      ],
    });
    writeFileSync(services.profiles.file, original);

    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['Alpha']);
    const problems = await services.profiles.problems();
    expect(problems).toEqual([
      {
        index: 1,
        name: 'Broken',
        fields: { 'oneroster.baseUrl': expect.stringMatching(/full http\(s\) URL/) },
      },
      { index: 2, name: 'ALPHA', fields: { name: expect.stringMatching(/Duplicate name/) } },
      { index: 3, name: 'Duplicate Id', fields: { id: expect.stringMatching(/Duplicate id/) } },
    ]);

    await services.profiles.create(newDraft);
    const copies = readdirSync(services.dataDir).filter((f) => f.startsWith('profiles.json.corrupt-'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^profiles\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(readFileSync(join(services.dataDir, copies[0] as string), 'utf8')).toBe(original);
    expect((await services.profiles.list()).map((p) => p.name)).toEqual(['Alpha', 'New District']);
    expect(await services.profiles.problems()).toEqual([]);

    // The file is clean now: later writes make no further copies.
    await services.profiles.create({ ...newDraft, name: 'Third' });
    expect(readdirSync(services.dataDir).filter((f) => f.startsWith('profiles.json.corrupt-'))).toHaveLength(
      1,
    );
    const log = readFileSync(join(services.dataDir, 'logs', 'preflight.log'), 'utf8');
    expect(log).toMatch(/WARN .*kept a copy before rewriting/);
  });
});
