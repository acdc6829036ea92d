import { Menu, type MenuItemConstructorOptions } from 'electron';

const ONEROSTER_SPEC_URL = 'https://www.imsglobal.org/oneroster-v11-final-specification';
const CANVAS_SIS_DOCS_URL = 'https://canvas.instructure.com/doc/api/file.sis_csv.html';

/** File / Edit / View / Help; roles give the platform-native behaviour and shortcuts. */
export function buildAppMenu(options: {
  isMac: boolean;
  isDev: boolean;
  openExternal: (url: string) => void;
}): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [options.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.isDev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        { label: 'OneRoster 1.1 specification', click: () => options.openExternal(ONEROSTER_SPEC_URL) },
        { label: 'Canvas SIS import format', click: () => options.openExternal(CANVAS_SIS_DOCS_URL) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
