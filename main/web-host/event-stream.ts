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

  open(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Sent at once, so the client knows the stream is live before the first event.
    response.write(': connected\n\n');
    this.clients.add(response);
    const forget = () => this.clients.delete(response);
    request.on('close', forget);
    response.on('close', forget);
  }

  send(event: ApiEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
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
