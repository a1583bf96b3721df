/**
 * The preload script (bundled to dist/electron/preload.cjs, sandboxed): exposes
 * the TokenTray API to the window as `window.tokentray`, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './ipc-bridge';

contextBridge.exposeInMainWorld('tokentray', createIpcBridge(ipcRenderer));
