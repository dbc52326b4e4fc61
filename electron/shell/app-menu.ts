import type { MenuItemConstructorOptions } from 'electron';
import { SHORTCUTS } from '../../shared/shortcuts';

export interface MenuActions {
  /** Shows the window at a hash route (renderer/lib/route.ts). */
  open(hash: string): void;
  /** Opens the page's own `?` shortcuts dialog. */
  shortcuts(): void;
  quit(): void;
}

/**
 * The application menu: every page with its accelerator, and Help › Keyboard shortcuts (the page's
 * `?` dialog) followed by the page's single-key shortcuts themselves, from the one list. Roles keep the platform's
 * own edit and window items (copy / paste in fields, Cmd+W, Cmd+M).
 */
export function appMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const page = (label: string, hash: string, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.open(hash),
  });
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        page('Settings…', '#/settings', 'CmdOrCtrl+,'),
        page('Data and backups', '#/data', 'CmdOrCtrl+5'),
        { type: 'separator' },
        { label: 'Quit Lookout', accelerator: 'CmdOrCtrl+Q', click: actions.quit },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        page('Dashboard', '#/', 'CmdOrCtrl+1'),
        page('Incidents', '#/incidents', 'CmdOrCtrl+2'),
        page('Maintenance', '#/maintenance', 'CmdOrCtrl+3'),
        page('Drafts', '#/drafts', 'CmdOrCtrl+4'),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard shortcuts (?)', accelerator: 'F1', click: actions.shortcuts },
        { type: 'separator' },
        // The page's own keys, listed (not bound here: they belong to the page, and a menu accelerator
        // for "j" would swallow it in every text field).
        ...SHORTCUTS.map((s): MenuItemConstructorOptions => ({ label: `${s.keys}    ${s.what}`, enabled: false })),
      ],
    },
  ];
}
