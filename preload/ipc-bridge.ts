/**
 * The bridge the window gets in Electron, built over a minimal ipcRenderer so it
 * holds no Electron import and is testable in Node. preload/index.ts exposes it.
 */
import type { ApiErrorBody, ApiEvent, IpcReply, TokenTrayBridge } from '../main/core/api/api-contract';
import { isApiErrorBody } from '../main/core/api/api-error-body';
import { API_METHODS, channelOf, EVENT_CHANNEL } from '../main/core/api/api-methods';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const MALFORMED_REPLY: ApiErrorBody = {
  code: 'unexpected',
  message: 'TokenTray sent an answer the window cannot read.',
  guidance: ['Restart TokenTray.'],
};

/**
 * Each API method as an `invoke` of its channel. A failure rejects with the
 * error body itself, a plain object (code, message, guidance, fieldErrors):
 * contextBridge copies an Error with its message only, but a plain object whole.
 */
export function createIpcBridge(ipc: IpcRendererLike): TokenTrayBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    bridge[method] = async (...args: unknown[]) => unwrap(await ipc.invoke(channelOf(method), ...args));
  }
  bridge.onEvent = (listener: (event: ApiEvent) => void) => {
    // Only the event reaches the page, never Electron's IpcRendererEvent (it carries the sender).
    const relay = (_event: unknown, payload: unknown) => {
      if (isApiEvent(payload)) listener(payload);
    };
    ipc.on(EVENT_CHANNEL, relay);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, relay);
    };
  };
  return bridge as unknown as TokenTrayBridge;
}

function unwrap(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const answer = reply as IpcReply;
    if (answer.ok === true) return answer.result;
    if (answer.ok === false && isApiErrorBody(answer.error)) throw { ...answer.error };
  }
  throw { ...MALFORMED_REPLY };
}

function isApiEvent(value: unknown): value is ApiEvent {
  return typeof value === 'object' && value !== null && typeof (value as ApiEvent).type === 'string';
}
