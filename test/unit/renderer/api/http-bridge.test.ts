import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../renderer/api/api-error';
import { parseEvent } from '../../../../renderer/api/event-stream';
import { createHttpBridge } from '../../../../renderer/api/http-bridge';

interface Seen {
  method: string | undefined;
  path: string | undefined;
  contentType: string | undefined;
  token: string | undefined;
  body: unknown;
}

let server: Server | undefined;

/** A real HTTP server on loopback that answers like the browser host and records what it was sent. */
async function startHost(answer: (path: string) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({
        method: request.method,
        path: request.url,
        contentType: request.headers['content-type'],
        token: request.headers['x-tokentray-token'] as string | undefined,
        body: text ? JSON.parse(text) : undefined,
      });
      const { status, body } = answer(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, seen };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('the browser host bridge', () => {
  it('posts each call to /api/<method> as a JSON array with the launch token, and returns the result', async () => {
    const host = await startHost(() => ({
      status: 200,
      body: { result: { fingerprint: 'abc123def456', clearAfterSeconds: 30 } },
    }));
    const bridge = createHttpBridge({ origin: host.origin, sessionToken: 'launch-token' });

    const copied = await bridge.copyToken('connection-1');

    expect(copied).toEqual({ fingerprint: 'abc123def456', clearAfterSeconds: 30 });
    expect(host.seen).toEqual([
      {
        method: 'POST',
        path: '/api/copyToken',
        contentType: 'application/json',
        token: 'launch-token',
        body: ['connection-1'],
      },
    ]);
  });

  it('leaves out a trailing optional argument instead of sending null', async () => {
    const host = await startHost(() => ({ status: 200, body: { result: { id: 'c1' } } }));
    const bridge = createHttpBridge({ origin: host.origin });

    await bridge.updateConnection('c1', { partnerId: 'p1', label: 'Orders', dialect: 'manual' }, undefined);

    expect(host.seen[0]?.body).toEqual(['c1', { partnerId: 'p1', label: 'Orders', dialect: 'manual' }]);
  });

  it('resolves a call that returns nothing', async () => {
    const host = await startHost(() => ({ status: 200, body: { result: null } }));
    await expect(createHttpBridge({ origin: host.origin }).removePartner('p1')).resolves.toBeNull();
  });

  it('throws the host error body as an ApiError, field errors and status included', async () => {
    const host = await startHost(() => ({
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          message: 'Some fields need attention.',
          guidance: [],
          fieldErrors: { 'settings.partnerIdHeader': 'Too big' },
        },
      },
    }));
    const failure = await createHttpBridge({ origin: host.origin })
      .addPartner({ name: '' })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).fieldErrors).toEqual({ 'settings.partnerIdHeader': 'Too big' });
  });

  it('tells a page without the token to open the link from the terminal', async () => {
    const host = await startHost(() => ({ status: 401, body: {} }));
    const failure = (await createHttpBridge({ origin: host.origin })
      .getSnapshot()
      .catch((error: unknown) => error)) as ApiError;

    expect(failure.code).toBe('unauthorized');
    expect(failure.body.guidance.join(' ')).toMatch(/link TokenTray printed/);
  });

  it('says TokenTray is not answering when nothing listens', async () => {
    const host = await startHost(() => ({ status: 200, body: {} }));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;

    const failure = (await createHttpBridge({ origin: host.origin })
      .getSnapshot()
      .catch((error: unknown) => error)) as ApiError;

    expect(failure.code).toBe('host_unreachable');
  });
});

describe('server-sent events', () => {
  it('accepts the four event types and ignores anything else', () => {
    expect(parseEvent('{"type":"focusConnection","connectionId":"c1"}')).toEqual({
      type: 'focusConnection',
      connectionId: 'c1',
    });
    expect(parseEvent('{"type":"somethingElse"}')).toBeNull();
    expect(parseEvent('not json')).toBeNull();
  });
});
