import { Agent, request as httpRequest } from 'node:http';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../main/core/http/http-client';

/**
 * The benchmarks' baseline client: Node's own http module and a keep-alive agent, nothing
 * else (no deadline, no body cap), so a ratio to it shows what a real client adds.
 */
export class PlainNodeClient implements HttpClient {
  private readonly agent = new Agent({ keepAlive: true });

  send(request: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        request.url,
        { method: request.method, headers: request.headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) headers[name] = String(value);
            }
            resolve({
              status: response.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
              receivedAt: Date.now(),
            });
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
