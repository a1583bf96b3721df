import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { ApiEvent } from '../core/api/api-contract';
import { API_METHODS, channelOf, EVENT_CHANNEL } from '../core/api/api-methods';
import type { Dispatch } from '../core/api/dispatch';
import type { SenderFacts } from './ipc-reply';
import { ipcReplyFor } from './ipc-reply';

/**
 * One handler per API method, each delegating to the shared dispatcher (which
 * validates every argument). Only our window's own page is answered.
 */
export function registerIpc(dispatch: Dispatch, window: BrowserWindow): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      ipcReplyFor(dispatch, method, args, senderFacts(event, window)),
    );
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}

/** Pushes a state change to the window, if it is still there. */
export function sendEvent(window: BrowserWindow, event: ApiEvent): void {
  if (window.isDestroyed() || window.webContents.isDestroyed()) return;
  window.webContents.send(EVENT_CHANNEL, event);
}

function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow): SenderFacts {
  const frame = event.senderFrame;
  const contents = window.isDestroyed() ? null : window.webContents;
  return {
    fromOurWindow: contents !== null && event.sender === contents,
    fromMainFrame: frame !== null && frame === event.sender.mainFrame,
    frameUrl: frame?.url ?? null,
  };
}
