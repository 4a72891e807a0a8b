/**
 * Sandboxed preload (bundled as CommonJS): exposes exactly the contract's methods as `window.studio`,
 * each one `ipcRenderer.invoke('studio:call', method, args)`, plus the two push-event subscriptions.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES, type ExportProgress, type MenuCommand } from '../contract/api';

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string } };

const api: Record<string, unknown> = {};
for (const method of METHOD_NAMES) {
  api[method] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke('studio:call', method, args)) as Reply;
    if (reply.ok) return reply.result;
    // Keep the error's name (ContractError, ConflictError…) across the bridge.
    const err = new Error(reply.error.message);
    err.name = reply.error.name;
    throw err;
  };
}

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_e: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

api.onExportProgress = (listener: (p: ExportProgress) => void) => subscribe('studio:export-progress', listener);
api.onMenuCommand = (listener: (c: MenuCommand) => void) => subscribe('studio:menu', listener);

contextBridge.exposeInMainWorld('studio', api);
