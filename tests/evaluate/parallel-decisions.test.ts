import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { RemapDecisionStore } from '../../electron/services/conversion/decisions';
import { SettingsStore } from '../../electron/services/settings/settings-store';
import { ROOT } from '../../test-support/e2e/build';

/**
 * The app and CLI processes acknowledge findings and accept remaps of one district at the same moment: with the
 * cross-process lock around each read-modify-write of the settings and decisions files, none is lost (without
 * it, processes that read the file at the same time overwrite each other's additions). The children wait for a
 * go file so their writes really coincide.
 */
const dir = mkdtempSync(join(tmpdir(), 'pf-parallel-decisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PROFILE = 'district-1';
const CHILDREN = 6;

function child(index: number): Promise<{ code: number; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      ['bin/run-ts.js', 'test-support/settings/decide-child.ts', dir, PROFILE, String(index)],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('exit', (code) => resolve({ code: code ?? -1, err }));
  });
}

describe('settings and remap decisions with parallel writers', () => {
  it(`${CHILDREN} processes × 3 acknowledgements and 3 accepted remaps at once: all kept`, async () => {
    const running = Array.from({ length: CHILDREN }, (_, i) => child(i));
    const deadline = Date.now() + 60_000;
    while (!Array.from({ length: CHILDREN }, (_, i) => existsSync(join(dir, `ready-${i}`))).every(Boolean)) {
      if (Date.now() > deadline) break;
      await sleep(20);
    }
    writeFileSync(join(dir, 'go'), '');
    const results = await Promise.all(running);
    expect(
      results.map((r) => r.code),
      results.map((r) => r.err).join('\n'),
    ).toEqual(Array(CHILDREN).fill(0));

    const expected = (prefix: string) =>
      Array.from({ length: CHILDREN }, (_, i) => [0, 1, 2].map((k) => `${prefix}-${i}-${k}`))
        .flat()
        .sort();
    const acks = new SettingsStore(dir).getRules(PROFILE).acknowledgements;
    expect(acks.map((a) => a.sourcedId).sort()).toEqual(expected('user'));
    const decisions = new RemapDecisionStore(dir).get(PROFILE);
    expect(Object.keys(decisions).sort()).toEqual(expected('remap'));
    expect(new Set(Object.values(decisions))).toEqual(new Set(['accepted']));
  }, 90_000);
});
