/**
 * The Electron shell: one hardened window, the StudioApi over IPC (every input validated by the
 * contract, every sender checked), the menu, workspace dialogs, drafts flushed on close and quit, and
 * binder PDFs through printToPDF.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, type IpcMainInvokeEvent } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { validateArgs, type ExportProgress, type MenuCommand } from '../contract';
import { StudioService } from '../services';
import { defaultWorkspacePath } from '../store/paths';
import { buildMenu } from './menu';
import { printWithElectron } from './print';
import { hardenContents, hardenSession } from './security';

const here = dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.ELECTRON_RENDERER_URL;
const dev = !app.isPackaged && !!devUrl;
const rendererFile = join(here, '..', 'renderer', 'index.html');
const appUrl = devUrl ? new URL(devUrl).origin : pathToFileURL(rendererFile).href;

let service: StudioService | null = null;
let win: BrowserWindow | null = null;
let unsubscribeProgress: (() => void) | null = null;
/** saveDraft calls in flight, so closing waits for the last autosave. */
const pendingSaves = new Set<Promise<unknown>>();

/** Our own page: the dev server's origin (compared whole, so `http://localhost:5173.evil.example` is not), or the bundled file. */
function isAppUrl(url: string): boolean {
  if (devUrl) return URL.canParse(url) && new URL(url).origin === appUrl;
  return url === appUrl || url.startsWith(`${appUrl}#`) || url.startsWith(`${appUrl}?`);
}

// ── workspace ─────────────────────────────────────────────────────────────────────────────────

const settingsFile = () => join(app.getPath('userData'), 'settings.json');

function lastWorkspace(): string {
  try {
    const s = JSON.parse(readFileSync(settingsFile(), 'utf8')) as { workspace?: unknown };
    if (typeof s.workspace === 'string' && existsSync(s.workspace)) return s.workspace;
  } catch {
    // No settings yet: first run.
  }
  return defaultWorkspacePath(app.getPath('userData'));
}

/** better-sqlite3 built for Electron, when `scripts/sqlite-electron.mjs` has made one. */
function nativeBinding(): string | undefined {
  const file = join(app.getAppPath(), 'build', 'electron-sqlite', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

async function openWorkspace(path: string): Promise<void> {
  const next = await StudioService.open({ workspacePath: path, host: 'electron', printPdf: printWithElectron, nativeBinding: nativeBinding() });
  unsubscribeProgress?.();
  service?.close();
  service = next;
  unsubscribeProgress = next.onExportProgress((p: ExportProgress) => win?.webContents.send('studio:export-progress', p));
  writeFileSync(settingsFile(), JSON.stringify({ workspace: path }, null, 2));
}

async function chooseWorkspace(kind: 'open' | 'new'): Promise<void> {
  if (!win) return;
  await flushDrafts();
  const filters = [{ name: 'Protocol Studio workspace', extensions: ['sqlite'] }];
  const path =
    kind === 'open'
      ? (await dialog.showOpenDialog(win, { title: 'Open workspace', properties: ['openFile'], filters })).filePaths[0]
      : (await dialog.showSaveDialog(win, { title: 'New workspace', defaultPath: 'workspace.protocol-studio.sqlite', filters })).filePath;
  if (!path) return;
  try {
    await openWorkspace(path);
    send('workspace-changed');
  } catch (e) {
    dialog.showErrorBox('Cannot open the workspace', (e as Error).message);
  }
}

function send(command: MenuCommand): void {
  win?.webContents.send('studio:menu', command);
}

/** Asks the renderer to save its pending edits and waits (bounded) for the saves to land. */
async function flushDrafts(): Promise<void> {
  if (!win || win.webContents.isDestroyed()) return;
  send('save-draft');
  const deadline = Date.now() + 2_000;
  await new Promise((r) => setTimeout(r, 250));
  while (pendingSaves.size > 0 && Date.now() < deadline) await Promise.race([...pendingSaves, new Promise((r) => setTimeout(r, 100))]);
}

// ── IPC ───────────────────────────────────────────────────────────────────────────────────────

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string } };

async function onCall(event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<Reply> {
  const frameUrl = event.senderFrame?.url ?? '';
  if (event.sender !== win?.webContents || !isAppUrl(frameUrl)) {
    return { ok: false, error: { name: 'SecurityError', message: 'call from an unknown frame refused' } };
  }
  try {
    const { method: m, arg } = validateArgs(method, args);
    if (!service) throw new Error('no workspace is open');
    if (m === 'exportBinder') return { ok: true, result: await exportWithDialog(service, arg as BinderJob) };
    const call = service.call(m, arg);
    if (m === 'saveDraft') {
      pendingSaves.add(call);
      void call.finally(() => pendingSaves.delete(call)).catch(() => undefined);
    }
    return { ok: true, result: await call };
  } catch (e) {
    const err = e as Error;
    return { ok: false, error: { name: err.name, message: err.message } };
  }
}

type BinderJob = Parameters<StudioService['exportBinderTo']>[0];

/** PDF export asks where to save, starting in Documents with the binder's default name. */
async function exportWithDialog(svc: StudioService, job: BinderJob): Promise<unknown> {
  const chosen = await dialog.showSaveDialog(win!, {
    title: 'Save binder as PDF',
    defaultPath: join(app.getPath('documents'), svc.binderFileName(job)),
    buttonLabel: 'Save PDF',
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (chosen.canceled || !chosen.filePath) throw Object.assign(new Error('Export cancelled'), { name: 'CancelledError' });
  const file = extname(chosen.filePath).toLowerCase() === '.pdf' ? chosen.filePath : `${chosen.filePath}.pdf`;
  return svc.exportBinderTo(job, file);
}

// ── window ────────────────────────────────────────────────────────────────────────────────────

function createWindow(): void {
  win = new BrowserWindow({
    width: 1440,
    height: 920,
    minWidth: 960,
    minHeight: 640,
    title: 'Protocol Studio',
    backgroundColor: '#f7f4ee',
    show: false,
    webPreferences: {
      preload: join(here, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win?.show());
  let flushed = false;
  win.on('close', (event) => {
    if (flushed) return;
    event.preventDefault();
    void flushDrafts().finally(() => {
      flushed = true;
      win?.close();
    });
  });
  win.on('closed', () => {
    win = null;
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererFile);
}

// Every renderer sandboxed, including the hidden print windows.
app.enableSandbox();

app.on('web-contents-created', (_e, contents) => hardenContents(contents, isAppUrl));

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  void flushDrafts().finally(() => {
    quitting = true;
    service?.close();
    app.quit();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (!win) createWindow();
});

void app.whenReady().then(async () => {
  hardenSession({ dev });
  ipcMain.handle('studio:call', onCall);
  try {
    await openWorkspace(lastWorkspace());
  } catch (e) {
    dialog.showErrorBox('Cannot open the workspace', (e as Error).message);
    await openWorkspace(defaultWorkspacePath(app.getPath('userData')));
  }
  Menu.setApplicationMenu(
    buildMenu({ send, dev, openWorkspace: () => void chooseWorkspace('open'), newWorkspace: () => void chooseWorkspace('new') }),
  );
  createWindow();
  // While the window loads its page: the first check then pays neither schema compile nor cold code.
  setTimeout(() => service?.warmUp(), 0);
});
