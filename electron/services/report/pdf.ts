import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { PageSize } from '../../../shared/report/model';
import { ServiceError } from '../../../shared/errors';

/**
 * Prints the report HTML to PDF. A port, because the desktop app prints with its own Chromium
 * (webContents.printToPDF, electron/main/report-pdf.ts) while the CLI and tests drive a Chromium through
 * playwright-core.
 */
export interface PdfPrinter {
  print(html: string, options: { pageSize: PageSize; footerText?: string }): Promise<Buffer>;
  close?(): Promise<void>;
}

export const CHROMIUM_ENV = 'PREFLIGHT_CHROMIUM';
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Footer on every page: the district and "page N of M" (Chromium fills the pageNumber/totalPages spans). */
export function footerTemplate(footerText: string): string {
  const text = footerText.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<div style="width:100%;font-family:'Liberation Sans',Arial,sans-serif;font-size:7.5pt;color:#5a6372;` +
    `padding:0 15mm;display:flex;justify-content:space-between;">` +
    `<span>${text}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

/** A Chromium (playwright-core) launched on first use and reused; `close()` ends it. */
export function createPlaywrightPdfPrinter(
  options: { executablePath?: string; env?: NodeJS.ProcessEnv } = {},
): PdfPrinter {
  const executablePath =
    options.executablePath ?? (options.env ?? process.env)[CHROMIUM_ENV] ?? DEFAULT_CHROMIUM;
  let browser: Promise<Browser> | null = null;
  const launch = async () => {
    if (!existsSync(executablePath)) {
      throw new ServiceError(
        'chromium_missing',
        `Chromium was not found at ${executablePath}, so the PDF cannot be printed.`,
        `Install Chromium, or set ${CHROMIUM_ENV} to its path; the other formats do not need it.`,
      );
    }
    // Loaded lazily: only PDF export needs it.
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  };
  return {
    async print(html, { pageSize, footerText = '' }) {
      browser ??= launch();
      browser.catch(() => (browser = null));
      const b = await browser;
      const page = await b.newPage({ javaScriptEnabled: false });
      try {
        // The document is self-contained (its CSP forbids requests), so 'load' means fully laid out.
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        return await page.pdf({
          format: pageSize,
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(footerText),
          // Matches @page in the report CSS; Chromium needs the bottom margin to draw the footer in.
          margin: { top: '16mm', right: '15mm', bottom: '18mm', left: '15mm' },
        });
      } finally {
        await page.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
