import type { EpochMs } from '../domain/ids';
import { HttpFailure, type HttpClient, type HttpRequest, type HttpResponse } from './http-client';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface FetchHttpClientOptions {
  /** When a response counts as received; tests pass a fake clock. */
  now?: () => EpochMs;
}

/** Node's error codes as short phrases; the message never carries the URL's query or a header value. */
const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  ENOTFOUND: 'the host name could not be found',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host could not be reached',
  ENETUNREACH: 'the network could not be reached',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host",
};

/**
 * HttpClient over the global fetch. Redirects are never followed (a 3xx comes back as it is, so
 * secrets never travel to another address), and one deadline covers the headers and the body.
 */
export class FetchHttpClient implements HttpClient {
  private readonly now: () => EpochMs;

  constructor(options: FetchHttpClientOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const host = hostOf(request.url);
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const controller = new AbortController();
    let timedOut = false;
    // Node fires delays above 2^31-1 ms at once.
    const delay = Math.min(timeoutMs, 2 ** 31 - 1);
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, delay);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.method !== 'GET' && request.body !== undefined && { body: request.body }),
        redirect: 'manual',
        signal: controller.signal,
      });
      const receivedAt = this.now();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const body = await readBody(response, maxBodyBytes, controller, host);
      return { status: response.status, headers, body, receivedAt };
    } catch (error) {
      if (error instanceof HttpFailure) throw error;
      if (timedOut) throw new HttpFailure('timeout', `${host} did not answer within ${duration(timeoutMs)}`);
      throw new HttpFailure('network', `${host}: ${networkPhrase(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Reads the body as it streams and stops as soon as it passes the limit. */
async function readBody(
  response: Response,
  maxBodyBytes: number,
  controller: AbortController,
  host: string,
): Promise<string> {
  const tooLarge = () => {
    controller.abort();
    return new HttpFailure('too_large', `the answer from ${host} was larger than ${maxBodyBytes} bytes`);
  };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge();
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Host and port only: the path and query may hold an API key. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'the server';
  } catch {
    return 'the server';
  }
}

/** A short phrase from the error's code; fetch's own messages may quote header values. */
function networkPhrase(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && NETWORK_PHRASES[code]) return NETWORK_PHRASES[code];
  if (code && /^[A-Z0-9_]{2,40}$/.test(code)) return `the request failed (${code})`;
  // fetch refuses some ports outright (the Fetch standard's "bad port" list).
  if (cause instanceof Error && cause.message === 'bad port') return 'this port is blocked for web requests';
  if (error instanceof TypeError && !cause) return 'the request could not be sent';
  return 'the request failed';
}
