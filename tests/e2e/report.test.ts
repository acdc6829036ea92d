import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaywrightPdfPrinter } from '../../electron/services/report';
import { launchApp, type E2EApp } from '../../test-support/e2e/app';

/**
 * Journey 7 in real Chromium against the real handlers: the demo district (small, with a few defects) pulled and
 * evaluated, the report's contents and HTML preview, then every available format exported into the folder the
 * (injected) dialog picks, checked on disk: the PDF's pages with pdfinfo, the XLSX/zip as zips, CSV and JSON.
 */
const DISTRICT = {
  preset: 'small' as const,
  defects: [
    { kind: 'missing-username', rate: 0.004 },
    { kind: 'missing-email', rate: 0.05 },
  ],
};

const nav = (page: Page, name: string) => page.locator('nav').getByRole('button', { name, exact: true });

function pdfInfo(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
}

function zipEntries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: { fileName: string }) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The files of the latest successful report:export, as the page received them. */
function lastExport(app: E2EApp): Array<{ format: string; path: string }> {
  const last = app.log.traffic.filter((t) => t.includes('"channel":"report:export"')).at(-1);
  const parsed = JSON.parse(last ?? '{}') as {
    result?: { ok: boolean; data?: { files: Array<{ format: string; path: string }> } };
  };
  return parsed.result?.data?.files ?? [];
}

describe('report', () => {
  let app: E2EApp;
  let page: Page;
  let outDir: string;
  const revealed: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'preflight-e2e-report-'));
    app = await launchApp({
      handlerOptions: {
        demoDistrict: DISTRICT,
        pdfPrinter: createPlaywrightPdfPrinter(),
        chooseFolder: async () => outDir,
        revealPath: async (p) => void revealed.push(p),
      },
    });
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('explains the next step before there is anything to report', async () => {
    await nav(page, 'Report').click();
    await page.getByRole('heading', { name: 'No district to report on yet' }).waitFor();
    await page.getByRole('button', { name: 'Go to Districts' }).click();
    await page.getByRole('button', { name: 'Open demo district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify' }).waitFor();
    await nav(page, 'Report').click();
    await page.getByRole('heading', { name: 'Nothing to report on yet' }).waitFor();
    await page.getByRole('button', { name: 'Go to Pull' }).click();
    await page.getByRole('button', { name: 'Pull now' }).click();
    await page.locator('[aria-label="Pull result"][data-status="complete"]').waitFor({ timeout: 60_000 });
  });

  it('evaluates from the Report screen and shows what the report will contain, with a preview', async () => {
    await nav(page, 'Report').click();
    await page.getByRole('heading', { name: 'Evaluate the snapshot to build its report' }).waitFor();
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    const verdict = page.getByLabel('Report verdict');
    await verdict.waitFor({ timeout: 60_000 });
    // Missing usernames are blockers.
    expect(await verdict.getAttribute('data-verdict')).toBe('not_ready');
    const blockers = Number(
      ((await verdict.locator('[data-severity="blocker"] strong').textContent()) ?? '').replace(/\D/g, ''),
    );
    expect(blockers).toBeGreaterThan(0);
    expect(await page.getByTestId('report-snapshot').textContent()).toMatch(/pulled/);
    expect(await page.getByTestId('report-syncs').textContent()).toBe('None yet');

    // The preview is the report itself, in a sandboxed frame (no scripts).
    const frame = page.locator('iframe[title="Report preview"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const doc = page.frameLocator('iframe[title="Report preview"]');
    await doc.getByText('Demo district').first().waitFor();
    expect(await doc.locator('body').textContent()).toMatch(/Not ready/i);
    await app.screenshot('report-01-contents');
  });

  it('says why a format is unavailable and disables Export until a folder is chosen', async () => {
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await page.locator('#report-export-why').textContent()).toContain('Choose a folder');
    for (const format of await page.locator('input[name="format"]').all()) {
      if (await format.isDisabled()) {
        const reason = await format.locator('xpath=..').locator('.muted').textContent();
        expect(reason?.length ?? 0).toBeGreaterThan(10);
      }
    }
  });

  it('exports every available format into the chosen folder', async () => {
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByTestId('report-folder').filter({ hasText: outDir }).waitFor();
    const boxes = page.locator('input[name="format"]:not([disabled])');
    const formats: string[] = [];
    for (const box of await boxes.all()) {
      await box.check();
      formats.push((await box.getAttribute('value'))!);
    }
    expect(formats).toEqual(expect.arrayContaining(['pdf', 'html', 'xlsx', 'csv', 'json', 'canvas-zip']));
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const written = page.getByRole('status', { name: 'Written files' });
    await written.waitFor({ timeout: 60_000 });
    expect(await written.locator('li').count()).toBe(formats.length);
    await app.screenshot('report-02-exported');

    const files = lastExport(app);
    const path = (format: string) => {
      const items = files.filter((f) => f.format === format);
      expect(items, format).toHaveLength(1);
      return items[0]!.path;
    };

    for (const format of formats) {
      const p = path(format);
      expect(p.startsWith(outDir)).toBe(true);
      expect(existsSync(p), p).toBe(true);
      expect(statSync(p).size).toBeGreaterThan(0);
    }
    const pdf = pdfInfo(path('pdf'));
    expect(Number(pdf.Pages)).toBeGreaterThanOrEqual(2);
    expect(pdf['Page size']).toContain('(A4)');
    expect(readFileSync(path('html'), 'utf8')).toContain('<!doctype html>');
    expect(readFileSync(path('csv'), 'utf8').split('\n')[0]).toMatch(/ruleId|rule/i);
    const json = JSON.parse(readFileSync(path('json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('Demo district');
    expect(await zipEntries(path('xlsx'))).toContain('xl/workbook.xml');
    expect(await zipEntries(path('canvas-zip'))).toEqual(
      expect.arrayContaining(['accounts.csv', 'terms.csv', 'courses.csv', 'users.csv', 'enrollments.csv']),
    );
    // No secret reached a file.
    const secret = (await app.services.vault.getSecret(
      (await app.services.profiles.list())[0]!.id,
      'oneroster.clientSecret',
    ))!;
    for (const format of formats) expect(readFileSync(path(format)).includes(secret), format).toBe(false);

    await page.getByRole('button', { name: 'Show in folder' }).first().click();
    await expect.poll(() => revealed.length).toBe(1);
    expect(revealed[0]!.startsWith(outDir)).toBe(true);
  });

  it('prints Letter when asked, and the preview follows the page size', async () => {
    await page.getByLabel('Letter').check();
    for (const box of await page.locator('input[name="format"]').all())
      if (await box.isChecked()) await box.uncheck();
    await page.locator('input[name="format"][value="pdf"]').check();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const written = page.getByRole('status', { name: 'Written files' });
    await written.locator('li[data-format="pdf"]').waitFor({ timeout: 60_000 });
    expect(await written.locator('li').count()).toBe(1);
    expect(pdfInfo(lastExport(app)[0]!.path)['Page size']).toMatch(/^612 x 792 pts \(letter\)/);
  });

  it('looks right in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('report-03-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('has no uncaught errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
