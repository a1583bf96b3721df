import { toApiError } from './api-error';
import { createHttpBridge } from './http-bridge';
import type { TokenTrayBridge } from './types';

declare global {
  interface Window {
    /** Exposed by Electron's preload through contextBridge; absent in the browser host. */
    tokentray?: TokenTrayBridge;
  }
}

let bridge: TokenTrayBridge | undefined;

/** The API: Electron's preload where it exists, otherwise the browser host over HTTP. */
export function getBridge(): TokenTrayBridge {
  bridge ??= window.tokentray
    ? withApiErrors(window.tokentray)
    : createHttpBridge({ sessionToken: takeSessionToken() });
  return bridge;
}

/** Rejections that crossed IPC become ApiErrors, so every screen handles one kind of error. */
function withApiErrors(exposed: TokenTrayBridge): TokenTrayBridge {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exposed)) {
    if (typeof value !== 'function') continue;
    wrapped[name] =
      name === 'onEvent'
        ? value
        : (...args: unknown[]) =>
            Promise.resolve(value(...args)).catch((error: unknown) => {
              throw toApiError(error);
            });
  }
  return wrapped as unknown as TokenTrayBridge;
}

/** Reads the launch token from `?token=` once and takes it out of the address bar and history. */
function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  return token;
}
