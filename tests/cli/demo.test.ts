import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../electron/services/container';
import { openBaselineStore } from '../../electron/services/canvas-baseline';
import { run } from './run';

// `preflight demo` end to end: the real demo servers on loopback, the real pipeline, files on disk.
const root = mkdtempSync(join(tmpdir(), 'preflight-demo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Listening sockets of this process once the event loop has released closed handles (libuv frees a closed
 * server's handle a turn after its close callback): the demo servers must all be gone after the command.
 */
async function listeningServers(): Promise<number> {
  const count = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
  for (let i = 0; i < 20 && count() > 0; i++) await new Promise((r) => setTimeout(r, 25));
  return count();
}

describe('preflight demo', () => {
  it('verifies, pulls, fetches the Canvas baseline, evaluates and writes the report, then stops its servers', async () => {
    const dataDir = join(root, 'data');
    const out = join(root, 'report');
    const before = await listeningServers();
    const res = await run(['demo', '--data-dir', dataDir, '--out', out, '--size', 'small']);
    expect(res.err).not.toMatch(/error/);
    expect(res.code).toBe(0);
    expect(await listeningServers()).toBe(before);
    for (const step of ['Verifying', 'Pulling', 'provisioning report', 'evaluating', 'Writing', 'Stopping'])
      expect(res.err).toContain(step);

    const verdict = /^Verdict: (Ready|Ready with warnings|Not ready) — (\d+) blockers, (\d+) warnings/m.exec(
      res.out,
    );
    expect(verdict).not.toBeNull();
    expect(res.out).toContain(`Report: ${out}`);

    const files = res.out
      .split('\n')
      .filter((l) => l.startsWith('  /'))
      .map((l) => l.trim());
    // `<what>-demo-district-<YYYY-MM-DD-HHMM>.<ext>` (shared/report/file-names.ts): what the file is comes first.
    const kinds = files.map((f) => {
      const m = /\/([a-z_-]+?)-demo-district-\d{4}-\d{2}-\d{2}-\d{4}\.(\w+)$/.exec(f);
      return m ? `${m[1]}.${m[2]}` : f;
    });
    expect(kinds.sort()).toEqual(
      [
        'findings.csv',
        'findings.xlsx',
        'canvas-sis-import.zip',
        'readiness-report.html',
        'readiness-report.json',
        'change_sis_id.csv',
      ].sort(),
    );
    for (const f of files) expect(existsSync(f)).toBe(true);

    // The printed verdict is the report's, and the report holds every stage: connectivity, data rules, conversion.
    const json = JSON.parse(
      readFileSync(
        files.find((f) => f.endsWith('.json'))!,
        'utf8',
      ),
    ) as {
      report: {
        verdict: string;
        counts: { blocker: number; warning: number };
        district: { name: string; demo: boolean };
        snapshot: { id: string; counts: Record<string, number> };
        baseline: { id: string } | null;
        connectivity: { verdict: string } | null;
        conversion: unknown;
      };
      findings: { ruleId: string }[];
    };
    const report = json.report;
    expect(report.verdict.replace(/_/g, ' ')).toBe(verdict![1]!.toLowerCase());
    expect(report.counts.blocker).toBe(Number(verdict![2]));
    expect(report.counts.warning).toBe(Number(verdict![3]));
    expect(report.district).toEqual({ name: 'Demo district', demo: true });
    expect(report.connectivity?.verdict).not.toBe('not_ready');
    expect(report.conversion).not.toBeNull();
    const families = new Set(json.findings.map((f) => f.ruleId.split('-')[0]));
    expect(families.has('CNV')).toBe(true); // conversion findings
    expect(families.has('USER')).toBe(true); // the demo district's data defects
    expect(
      readFileSync(
        files.find((f) => f.endsWith('.html'))!,
        'utf8',
      ),
    ).toContain('Demo district');

    // The snapshot and baseline the report names are stored in the data folder, complete.
    const services = createServices({ dataDir });
    const snapshot = services.snapshots.get(report.snapshot.id);
    expect(snapshot?.status).toBe('complete');
    expect(res.out).toContain(`snapshot ${report.snapshot.id}`);
    expect(openBaselineStore(services.snapshots).get(report.baseline!.id)?.status).toBe('complete');
    expect(report.snapshot.counts.users).toBeGreaterThan(500);
  });

  it('stops the demo servers when a step fails, and exits 2', async () => {
    const blocked = join(root, 'not-a-folder');
    writeFileSync(blocked, 'a file where the report folder should go');
    const before = await listeningServers();
    const res = await run(['demo', '--data-dir', join(root, 'data2'), '--out', blocked, '--size', 'tiny']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^error/m);
    expect(res.err).toContain('Stopping the demo servers.');
    expect(await listeningServers()).toBe(before);
  });
});
