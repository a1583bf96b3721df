import { ApiError, HOST_UNREACHABLE, toApiError } from './api-error';
import { openEventStream } from './event-stream';
import type { ApiErrorBody, ApiEvent, ApiMethod, TokenTrayApi, TokenTrayBridge } from './types';
import { API_METHODS, EVENTS_PATH, pathOf } from '../../main/core/api/api-methods';

export interface HttpBridgeOptions {
  /** Where the browser host listens; the page's own origin by default. */
  origin?: string;
  /** The per-launch token, sent as a header where the page knows it (the cookie covers the rest). */
  sessionToken?: string | null;
  fetch?: typeof fetch;
  /** Opens the event stream; replaced in tests where no EventSource exists. */
  openEvents?: (onEvent: (event: ApiEvent) => void, onReconnect: () => void) => () => void;
}

/** The contract over the browser host's protocol: POST /api/<method> with a JSON array, and SSE at /api/events. */
export function createHttpBridge(options: HttpBridgeOptions = {}): TokenTrayBridge {
  const origin = options.origin ?? '';
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const openEvents =
    options.openEvents ??
    ((onEvent, onReconnect) => openEventStream({ url: `${origin}${EVENTS_PATH}`, onEvent, onReconnect }));

  async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.sessionToken) headers['x-tokentray-token'] = options.sessionToken;
    let response: Response;
    try {
      response = await send(`${origin}${pathOf(method)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers,
        body: JSON.stringify(withoutTrailingUndefined(args)),
      });
    } catch {
      throw new ApiError(HOST_UNREACHABLE, null);
    }
    const payload = (await response.json().catch(() => null)) as { result?: unknown; error?: unknown } | null;
    if (response.ok) return payload?.result;
    throw toApiError(payload?.error ?? statusError(response.status), response.status);
  }

  const listeners = new Set<(event: ApiEvent) => void>();
  let closeStream: (() => void) | null = null;
  const deliver = (event: ApiEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  const api = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as TokenTrayApi;

  return {
    ...api,
    onEvent(listener) {
      listeners.add(listener);
      // After a break the host may have changed things we never heard about: say so as a change.
      closeStream ??= openEvents(deliver, () => deliver({ type: 'changed', connectionIds: [] }));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          closeStream?.();
          closeStream = null;
        }
      };
    },
  };
}

/** `[id, input, undefined]` would arrive as `[id, input, null]`, which an optional argument refuses. */
function withoutTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end -= 1;
  return args.slice(0, end);
}

function statusError(status: number): ApiErrorBody {
  if (status === 401) {
    return {
      code: 'unauthorized',
      message: 'This page is not signed in to TokenTray.',
      guidance: ['Open the link TokenTray printed in the terminal when it started.'],
    };
  }
  return { code: 'http_error', message: `TokenTray answered with HTTP ${status}.`, guidance: [] };
}
