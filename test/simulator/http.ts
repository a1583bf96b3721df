import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A request as the simulator's endpoints see it: already read in full. */
export interface SimRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What an endpoint does with a request: answer it (maybe slowly), never answer, or cut the line. */
export type Answer =
  { kind: 'reply'; reply: Reply; bodyDelayMs?: number } | { kind: 'hang' } | { kind: 'reset' };

/** Token requests are tiny; anything near this is a client bug. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function answer(reply: Reply): Answer {
  return { kind: 'reply', reply };
}

/** The first value of a header; Node lower-cases the names. */
export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function hasContentType(request: SimRequest, type: string): boolean {
  return (header(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() === type;
}

/** A JSON object body, or undefined when the body is not one. */
export function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function stringField(object: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = object?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readRequest(incoming: IncomingMessage): Promise<SimRequest | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    incoming.on('error', reject);
    incoming.on('end', () => {
      if (size > MAX_REQUEST_BYTES) return resolve('tooLarge');
      const url = new URL(incoming.url ?? '/', 'http://simulator.invalid');
      resolve({
        method: incoming.method ?? 'GET',
        path: url.pathname,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

/** Timers the simulator owns, so close() can stop them all. */
export class PendingTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, callback: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clearAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Sends an answer. Every reply says `Cache-Control: no-store` (RFC 6749 §5.1) and carries a `Date`
 * from the simulator's clock, so clients can measure skew against it.
 */
export function sendAnswer(
  response: ServerResponse,
  result: Answer,
  now: number,
  timers: PendingTimers,
): void {
  if (result.kind === 'hang') return;
  if (result.kind === 'reset') {
    response.socket?.destroy();
    return;
  }
  const { reply, bodyDelayMs } = result;
  response.writeHead(reply.status, {
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    Date: new Date(now).toUTCString(),
    'Content-Length': String(Buffer.byteLength(reply.body)),
    ...reply.headers,
  });
  if (bodyDelayMs === undefined) {
    response.end(reply.body);
    return;
  }
  response.flushHeaders();
  timers.after(bodyDelayMs, () => response.end(reply.body));
}

/** The error body of RFC 6749 §5.2, which the partner-header and bearer-rotation dialects share. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(status, { error, error_description: description }, headers);
}
