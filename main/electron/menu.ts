/** The application menu: the usual shortcuts, wired to renderer commands or main actions. */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/api';

export interface MenuActions {
  send(command: MenuCommand): void;
  openWorkspace(): void;
  newWorkspace(): void;
  dev: boolean;
}

export function buildMenu(a: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New protocol…', accelerator: 'CmdOrCtrl+N', click: () => a.send('new-protocol') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => a.send('import-protocol') },
        { type: 'separator' },
        { label: 'Open workspace…', accelerator: 'CmdOrCtrl+O', click: () => a.openWorkspace() },
        { label: 'New workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => a.newWorkspace() },
        { type: 'separator' },
        // Drafts save themselves as you type; Ctrl/Cmd+S is where people reach to keep their work, so it commits.
        { label: 'Save draft', accelerator: 'CmdOrCtrl+Shift+S', click: () => a.send('save-draft') },
        { label: 'Commit…', accelerator: 'CmdOrCtrl+S', click: () => a.send('commit') },
        { label: 'Export binder…', accelerator: 'CmdOrCtrl+Shift+E', click: () => a.send('export-binder') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(a.dev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
