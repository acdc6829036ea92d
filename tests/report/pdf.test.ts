import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPlaywrightPdfPrinter,
  renderReportHtml,
  type PdfPrinter,
} from '../../electron/services/report';
import {
  ACK_REASON,
  buildFixture,
  DISTRICT,
  FAKE_SECRET,
  sampleConversion,
  type ReportFixture,
} from './fixture';

/** Page images kept as CI artifacts (and for a person to look at). */
const ARTIFACTS = resolve('test-results/report');

let fx: ReportFixture;
let printer: PdfPrinter;
let work: string;
beforeAll(async () => {
  fx = await buildFixture(DISTRICT, {
    syncHistory: [
      {
        at: '2026-02-20T23:10:00Z',
        by: 'sis.engineer',
        mode: 'standard',
        options: { change_threshold: 10, override_sis_stickiness: false },
        importId: '1834',
        result: 'imported_with_messages',
        counts: { users: 998, enrollments: 3640 },
      },
    ],
  });
  fx.model.conversion = sampleConversion(fx.snapshot.id);
  printer = createPlaywrightPdfPrinter();
  work = join(fx.dataDir, 'pdf');
  mkdirSync(work, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await printer?.close?.();
  fx?.cleanup();
});

/** Text in reading order, one page per form feed. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
}

describe('PDF through Playwright Chromium', () => {
  it('prints a multi-page A4 document with the verdict, district and top problem', async () => {
    const pdf = await printer.print(renderReportHtml(fx.model, { pageSize: 'A4' }), {
      pageSize: 'A4',
      footerText: `${DISTRICT} · Readiness report`,
    });
    const path = join(work, 'report-a4.pdf');
    writeFileSync(path, pdf);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(4);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841\.\d+ pts \(A4\)/);

    const text = pdfText(path);
    const firstPage = text.split('\f')[0]!;
    expect(firstPage).toContain(DISTRICT);
    expect(firstPage).toContain('Not ready');
    expect(firstPage).toMatch(/Page 1 of \d+/);
    // Table cells wrap, so compare with whitespace collapsed.
    const flat = text.replace(/\s+/g, ' ');
    const top = fx.model.topProblems[0]!;
    expect(flat).toContain(top.title);
    expect(flat).toContain(top.remedy);
    expect(flat).toContain(ACK_REASON);
    expect(flat).toContain('Over the threshold: enrollments');
    expect(flat).toContain('imported_with_messages');
    expect(flat).not.toContain(FAKE_SECRET);

    // The title page stands alone: the summary starts on page 2.
    expect(text.split('\f')[1]).toMatch(/^\s*Summary/);

    for (const f of readdirSync(ARTIFACTS)) if (/^a4-page-\d+\.png$/.test(f)) rmSync(join(ARTIFACTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '3', path, join(ARTIFACTS, 'a4-page')]);
    const images = readdirSync(ARTIFACTS).filter((f) => /^a4-page-\d+\.png$/.test(f));
    expect(images).toHaveLength(3);
  });

  it('prints US Letter when asked', async () => {
    const pdf = await printer.print(renderReportHtml(fx.model, { pageSize: 'Letter' }), {
      pageSize: 'Letter',
    });
    const path = join(work, 'report-letter.pdf');
    writeFileSync(path, pdf);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792 pts \(letter\)/,
    );
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      path,
      join(ARTIFACTS, 'letter-page'),
    ]);
    // The title page still fits on one Letter page.
    expect(pdfText(path).split('\f')[1]).toMatch(/^\s*Summary/);
  });

  it('says clearly when Chromium is missing', async () => {
    const missing = createPlaywrightPdfPrinter({ executablePath: '/nonexistent/chromium' });
    await expect(missing.print('<p>x</p>', { pageSize: 'A4' })).rejects.toMatchObject({
      code: 'chromium_missing',
      hint: expect.stringContaining('PREFLIGHT_CHROMIUM'),
    });
  });
});
