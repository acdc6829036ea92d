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
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
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
      }
    },
  };
}
