import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../services/report/pdf';
import { footerTemplate } from '../services/report/pdf';

/**
 * The app's PDF printer: the report HTML loaded into a hidden, sandboxed window without scripts or preload,
 * then webContents.printToPDF (the same Chromium layout as the CLI's Playwright printer). One window per print.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  return {
    async print(html, { pageSize, footerText = '' }) {
      const win = new BrowserWindow({
        show: false,
        webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
      });
      // The report is self-contained; nothing it could link to may open or navigate.
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (e) => e.preventDefault());
      // A file, not a data: URL: a large district's report can pass Chromium's 2 MB URL limit.
      const dir = await mkdtemp(join(tmpdir(), 'preflight-report-'));
      const file = join(dir, 'report.html');
      try {
        await writeFile(file, html, 'utf8');
        await win.loadFile(file);
        return await win.webContents.printToPDF({
          pageSize,
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(footerText),
          // Inches: the report's @page margins (16/15/18/15 mm).
          margins: { top: 0.63, right: 0.59, bottom: 0.71, left: 0.59 },
        });
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
