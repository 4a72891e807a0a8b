/**
 * `npm start` without Electron: runs the browser host on the same default workspace the app would use
 * and opens the studio in the system browser (or prints the URL with --no-open).
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { defaultWorkspacePath } from '../store/paths';
import { startBrowserHost } from './server';

/** Electron's `app.getPath('userData')` for an app named protocol-studio. */
function userDataDir(): string {
  const name = 'protocol-studio';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser; open the address above yourself.'));
  child.unref();
}

const argv = process.argv.slice(2);
const at = argv.indexOf('--workspace');
const workspacePath = at >= 0 && argv[at + 1] ? argv[at + 1]! : defaultWorkspacePath(userDataDir());
const host = await startBrowserHost({ workspacePath });
console.log(`Protocol Studio is running in your browser.\n  Workspace: ${workspacePath}\n  Open: ${host.url}\nPress Ctrl+C to stop.`);
if (!argv.includes('--no-open')) openInBrowser(host.url);

const stop = () => void host.close().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
