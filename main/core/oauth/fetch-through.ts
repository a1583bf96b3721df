import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client';

/** Token and metadata answers are a few kilobytes; anything near this is not one. */
const MAX_BODY_BYTES = 256 * 1024;
const TIMEOUT_MS = 30_000;
/** The Fetch standard forbids a body on these statuses. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchThroughOptions {
  /** The connection signing in: its partner's proxy choice, CAs, timeout and its client certificate apply. */
  connectionId?: string;
  /** Discovery for a connection being added: its partner's proxy choice, CAs and timeout apply. */
  partnerId?: string;
  /** Sees each raw answer: the token answer is then read by the dialect parser too. */
  onResponse?: (response: HttpResponse) => void;
}

/**
 * oauth4webapi's `customFetch` over TokenTray's own HttpClient, so sign-in and discovery use
 * the same client settings and network route as renewals (no redirects followed, one
 * deadline, a body limit, the proxy and certificates in the settings).
 */
export function fetchThrough(http: HttpClient, options: FetchThroughOptions = {}): FetchLike {
  const { connectionId, partnerId, onResponse } = options;
  return async (url, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new TypeError(`Unsupported method ${method}`);
    const request: HttpRequest = {
      method,
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      ...(init.body !== undefined && init.body !== null && { body: bodyText(init.body) }),
      timeoutMs: TIMEOUT_MS,
      maxBodyBytes: MAX_BODY_BYTES,
      ...(connectionId !== undefined && { connectionId }),
      ...(partnerId !== undefined && { partnerId }),
    };
    const response = await http.send(request);
    onResponse?.(response);
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, {
      status: response.status,
      headers: response.headers,
    });
  };
}

function bodyText(body: BodyInit): string {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError('Only text and form bodies are sent');
}
