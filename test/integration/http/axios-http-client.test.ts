import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { HttpFailure } from '../../../main/core/http/http-client';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const received: Received[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/token': (_req, res) => {
    res.writeHead(201, {
      'Content-Type': 'application/json',
      'X-Request-ID': 'req-1',
      Date: 'Wed, 15 Jan 2025 12:00:00 GMT',
    });
    res.end('{"access_token":"héllo"}');
  },
  '/redirect': (_req, res) => {
    res.writeHead(302, { Location: '/elsewhere' });
    res.end();
  },
  '/elsewhere': (_req, res) => res.end('followed'),
  // What a proxy's own refusals look like, sent by a server reached directly.
  '/answers-407': (_req, res) => res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="x"' }).end(),
  '/answers-as-tinyproxy': (_req, res) => res.writeHead(401, { Server: 'tinyproxy/1.11.1' }).end(),
  // Never answers: the client's deadline must end it.
  '/slow-headers': () => undefined,
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"access_token":');
  },
  '/huge-declared': (_req, res) => {
    res.writeHead(200, { 'Content-Length': String(10 * 1024 * 1024) });
    res.write('x'.repeat(1024));
  },
  '/huge-streamed': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    // Bounded: stops by itself after 8 MiB even if the client keeps reading.
    const pump = () => {
      while (sent < 128 && !res.destroyed) {
        sent += 1;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
  '/reset': (req) => req.socket.destroy(),
  '/reset-mid-body': (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"access_token":"abc', () => req.socket.destroy());
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      (routes[path] ?? ((_q, r: ServerResponse) => r.writeHead(404).end()))(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = new AxiosHttpClient({ now: () => 1_700_000_000_000 });

async function failureOf(promise: Promise<unknown>): Promise<HttpFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpFailure) return error;
    throw error;
  }
  throw new Error('expected an HttpFailure');
}

describe('AxiosHttpClient', () => {
  it('sends method, headers and body, and returns status, lower-cased headers, UTF-8 body and arrival time', async () => {
    const response = await client.send({
      method: 'POST',
      url: `${base}/token`,
      headers: { 'Content-Type': 'application/json', partnerId: '4711' },
      body: '{"refreshToken":"r-1"}',
    });
    expect(response).toEqual({
      status: 201,
      headers: expect.objectContaining({ 'x-request-id': 'req-1', date: 'Wed, 15 Jan 2025 12:00:00 GMT' }),
      body: '{"access_token":"héllo"}',
      receivedAt: 1_700_000_000_000,
    });
    const request = received.find((r) => r.url === '/token')!;
    expect(request).toMatchObject({ method: 'POST', body: '{"refreshToken":"r-1"}' });
    expect(request.headers).toMatchObject({ partnerid: '4711', 'content-type': 'application/json' });
  });

  it('returns a redirect as it is and never follows it with the secrets', async () => {
    const response = await client.send({
      method: 'POST',
      url: `${base}/redirect`,
      headers: { Authorization: 'Bearer secret' },
      body: 'x',
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
    expect(received.some((r) => r.url === '/elsewhere')).toBe(false);
  });

  it("hands a 407 or a 401 in tinyproxy's name back as the server's answer when no proxy was on the way", async () => {
    for (const path of ['/answers-407', '/answers-as-tinyproxy']) {
      const response = await client.send({ method: 'POST', url: `${base}${path}`, headers: {}, body: 'x' });
      expect(response.status, path).toBe(path === '/answers-407' ? 407 : 401);
    }
  });

  it('times out when the headers never come', async () => {
    const failure = await failureOf(
      client.send({ method: 'GET', url: `${base}/slow-headers`, headers: {}, timeoutMs: 200 }),
    );
    expect(failure.kind).toBe('timeout');
  });

  it('times out when the body stalls after the headers', async () => {
    const failure = await failureOf(
      client.send({ method: 'GET', url: `${base}/slow-body`, headers: {}, timeoutMs: 300 }),
    );
    expect(failure.kind).toBe('timeout');
  });

  it('refuses an answer whose declared length is over the limit', async () => {
    const failure = await failureOf(
      client.send({ method: 'GET', url: `${base}/huge-declared`, headers: {}, maxBodyBytes: 4096 }),
    );
    expect(failure.kind).toBe('too_large');
  });

  it('stops reading a streamed answer as soon as it passes the limit', async () => {
    const failure = await failureOf(
      client.send({ method: 'GET', url: `${base}/huge-streamed`, headers: {}, maxBodyBytes: 256 * 1024 }),
    );
    expect(failure.kind).toBe('too_large');
  });

  it('reports a reset connection as a network failure without the query or any header value', async () => {
    const failure = await failureOf(
      client.send({
        method: 'POST',
        url: `${base}/reset?api_key=query-secret-123`,
        headers: { Authorization: 'Bearer header-secret-456' },
        body: 'refresh=body-secret-789',
      }),
    );
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('127.0.0.1');
    for (const secret of ['query-secret-123', 'header-secret-456', 'body-secret-789']) {
      expect(failure.message).not.toContain(secret);
    }
  });

  it('reports a connection reset in the middle of the body as a network failure', async () => {
    const failure = await failureOf(
      client.send({ method: 'GET', url: `${base}/reset-mid-body`, headers: {} }),
    );
    expect(failure.kind).toBe('network');
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(
      client.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }),
    );
    expect(failure).toMatchObject({ kind: 'network', message: expect.stringMatching(/refused/) });
  });

  it('does not echo a header value that cannot be sent', async () => {
    const failure = await failureOf(
      client.send({
        method: 'GET',
        url: `${base}/token`,
        headers: { Authorization: 'Bearer bad\nsecret-999' },
      }),
    );
    expect(failure.kind).toBe('network');
    expect(failure.message).not.toContain('secret-999');
  });
});
