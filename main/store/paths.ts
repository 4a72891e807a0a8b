/** Where the app keeps its workspace by default; the Electron shell passes `app.getPath('userData')`. */
import { join } from 'node:path';

export const WORKSPACE_FILE_NAME = 'workspace.protocol-studio.sqlite';

export function defaultWorkspacePath(userDataDir: string): string {
  return join(userDataDir, WORKSPACE_FILE_NAME);
}
