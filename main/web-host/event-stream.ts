import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEvent } from '../core/api/api-contract';

/** Proxies drop a quiet stream; a comment line now and then keeps it open and tells a dead client apart. */
export const HEARTBEAT_MS = 15_000;

/** The server-sent event streams of the open windows: each core event goes to all of them. */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** `greeting`: events for this window alone, sent as it connects. */
  open(request: IncomingMessage, response: ServerResponse, greeting: ApiEvent[] = []): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Sent at once, so the client knows the stream is live before the first event.
    response.write(': connected\n\n');
    for (const event of greeting) response.write(eventChunk(event));
    this.clients.add(response);
    const forget = () => this.clients.delete(response);
    request.on('close', forget);
    response.on('close', forget);
  }

  /** Sends to every open window; answers how many there were. */
  send(event: ApiEvent): number {
    this.write(eventChunk(event));
    return this.clients.size;
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }
}

function eventChunk(event: ApiEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}
