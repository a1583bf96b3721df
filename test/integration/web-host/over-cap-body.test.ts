import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../main/web-host/api-route';
import type { WebHost } from '../../../main/web-host/server';
import type { CoreHarness } from '../../support/core-harness';
import { startHostedCore } from '../../support/hosted-core';
import type { HostedCore } from '../../support/hosted-core';

let hosted: HostedCore;
let harness: CoreHarness;
let host: WebHost;

beforeAll(async () => {
  hosted = await startHostedCore();
  ({ harness, host } = hosted);
});

afterAll(() => hosted.close());

/** A body that keeps arriving in pieces, as an upload from a slow client does. */
function pieces(total: number, size = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= total) return controller.close();
      // Yield between pieces, so the server answers while the client is still sending.
      await new Promise((resolve) => setImmediate(resolve));
      const piece = new Uint8Array(Math.min(size, total - sent)).fill(0x20);
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
}

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/addPartner`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

/**
 * A client that sends its whole request before it reads anything, as many HTTP libraries do:
 * it sees the answer only if the server reads what it sends instead of closing on it.
 */
function sendAllThenRead(total: number, chunked: boolean): Promise<{ written: boolean; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(host.port, '127.0.0.1');
    let answer = '';
    let written = false;
    socket.setEncoding('utf8').on('data', (text: string) => (answer += text));
    socket.on('error', () => resolve({ written, answer }));
    socket.on('close', () => resolve({ written, answer }));
    socket.on('connect', async () => {
      const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`;
      socket.write(
        `POST /api/addPartner HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\n` +
          `X-TokenTray-Token: ${host.token}\r\n${framing}\r\n\r\n`,
      );
      const piece = Buffer.alloc(256 * 1024, 0x20);
      for (let sent = 0; sent < total; sent += piece.length) {
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        const ok = await new Promise<boolean>((done) => socket.write(frame, (error) => done(!error)));
        if (!ok) return;
      }
      if (chunked) socket.write('0\r\n\r\n');
      written = true;
    });
  });
}

describe('a body over the cap', () => {
  it('is read and discarded up to a bound, so a client that sends everything first still gets its 413', async () => {
    for (const chunked of [false, true]) {
      const { written, answer } = await sendAllThenRead(MAX_BODY_BYTES + 4 * 1024 * 1024, chunked);

      expect(written).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"too_large"');
    }
  });

  it('is answered 413 with a JSON error that a client still sending receives', async () => {
    const streamed = await post(pieces(MAX_BODY_BYTES + 2 * 1024 * 1024));
    const declared = await post(new Uint8Array(MAX_BODY_BYTES + 1024).fill(0x20));

    expect(streamed).toEqual({
      status: 413,
      body: { error: expect.objectContaining({ code: 'too_large' }) },
    });
    expect(declared).toEqual({
      status: 413,
      body: { error: expect.objectContaining({ code: 'too_large' }) },
    });
    expect(harness.core.snapshot().partners).toEqual([]);
  });

  it('a non-JSON body still being sent is answered 415, and the host goes on answering', async () => {
    const form = await post(pieces(3 * 1024 * 1024), { 'content-type': 'text/plain' });
    const next = await fetch(`http://127.0.0.1:${host.port}/api/getSnapshot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token },
      body: '[]',
    });

    expect(form.status).toBe(415);
    expect(next.status).toBe(200);
  });
});
