import type { ApiEvent } from './types';

const EVENT_TYPES = new Set<ApiEvent['type']>([
  'changed',
  'reminder',
  'needsAction',
  'focusConnection',
  'notice',
  'stopping',
]);
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
/** EventSource.CLOSED, spelled out so this file also loads where EventSource is missing. */
const CLOSED = 2;

export interface EventStreamOptions {
  url: string;
  onEvent: (event: ApiEvent) => void;
  /** The stream came back after a break: events may have been missed. */
  onReconnect: () => void;
  createSource?: (url: string) => EventSource;
}

/**
 * The browser host's server-sent events. The browser retries a dropped stream
 * itself, but gives up for good after an error status (a restarted host):
 * then we retry, backing off from 1 s to 30 s.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const create = options.createSource ?? ((url: string) => new EventSource(url));
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;
  let broken = false;
  let stopped = false;

  const connect = () => {
    source = create(options.url);
    source.onopen = () => {
      delay = FIRST_RETRY_MS;
      if (broken) {
        broken = false;
        options.onReconnect();
      }
    };
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) options.onEvent(event);
    };
    source.onerror = () => {
      broken = true;
      if (source?.readyState !== CLOSED || stopped) return;
      source.close();
      retryTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}

export function parseEvent(data: string): ApiEvent | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const type = (parsed as { type?: unknown }).type;
    return typeof type === 'string' && EVENT_TYPES.has(type as ApiEvent['type'])
      ? (parsed as ApiEvent)
      : null;
  } catch {
    return null;
  }
}
