import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ListSnapshot } from '../../../main/core/api/api-contract';
import type { WebHost } from '../../../main/web-host/server';
import { startHostedCore } from '../../support/hosted-core';
import type { HostedCore } from '../../support/hosted-core';
import { callApi, rawRequest } from '../../support/raw-http-request';

let hosted: HostedCore;
let host: WebHost;

beforeAll(async () => {
  hosted = await startHostedCore();
  host = hosted.host;
});

afterAll(() => hosted.close());

/** The snapshot without its timestamp: what a person would see as "the same". */
async function visibleState(): Promise<Omit<ListSnapshot, 'at'>> {
  const { body } = await callApi(host.port, host.token, 'getSnapshot', []);
  const { at: _at, ...rest } = (JSON.parse(body) as { result: ListSnapshot }).result;
  return rest;
}

describe('the browser host API', () => {
  it('binds to 127.0.0.1 and prints a link with a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a call without a token, or with a wrong one', async () => {
    const none = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/getSnapshot',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    const wrong = await callApi(host.port, `${host.token.slice(0, -1)}x`, 'getSnapshot', []);
    const wrongCookie = await callApi(host.port, '', 'getSnapshot', [], {
      cookie: 'tokentray_session=not-the-token',
    });

    expect([none.status, wrong.status, wrongCookie.status]).toEqual([401, 401, 401]);
    expect(JSON.parse(none.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers a call with the token in the header or in the session cookie', async () => {
    const byHeader = await callApi(host.port, host.token, 'getSnapshot', []);
    const byCookie = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/getSettings',
      headers: { 'content-type': 'application/json', cookie: `other=1; tokentray_session=${host.token}` },
      body: '[]',
    });

    expect(byHeader.status).toBe(200);
    expect((JSON.parse(byHeader.body) as { result: ListSnapshot }).result.keychainAvailable).toBe(true);
    expect(byCookie.status).toBe(200);
    expect(JSON.parse(byCookie.body)).toMatchObject({ result: { clipboardClearSeconds: 30 } });
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const foreign = await callApi(host.port, host.token, 'getSnapshot', [], {
      origin: 'https://evil.example',
    });
    const own = await callApi(host.port, host.token, 'getSnapshot', [], {
      origin: `http://localhost:${host.port}`,
    });

    expect(foreign.status).toBe(403);
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host, as a DNS rebinding page would send it', async () => {
    const rebound = await callApi(host.port, host.token, 'getSnapshot', [], {
      host: `evil.example:${host.port}`,
    });
    const otherPort = await callApi(host.port, host.token, 'getSnapshot', [], { host: '127.0.0.1:1' });
    const page = await rawRequest(host.port, {
      path: `/?token=${host.token}`,
      headers: { host: `evil.example:${host.port}` },
    });

    expect([rebound.status, otherPort.status, page.status]).toEqual([403, 403, 403]);
  });

  it('refuses a body over 6 MiB with 413 and stores nothing', async () => {
    const before = await visibleState();
    const huge = await callApi(host.port, host.token, 'addPartner', [
      { name: 'Big', notes: 'x'.repeat(7 * 1024 * 1024) },
    ]);

    // Without a Content-Length, the cap holds as the body arrives.
    const streamed = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/addPartner',
      headers: {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        'x-tokentray-token': host.token,
      },
      body: JSON.stringify([{ name: 'Streamed', notes: 'y'.repeat(7 * 1024 * 1024) }]),
    });

    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ error: { code: 'too_large' } });
    expect(streamed.status).toBe(413);
    expect(await visibleState()).toEqual(before);
  });

  it('refuses a body that is not application/json with 415', async () => {
    const form = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/addPartner',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-tokentray-token': host.token },
      body: 'name=Acme',
    });

    expect(form.status).toBe(415);
  });

  it('answers an unknown method with 404 and a GET on a method with 405', async () => {
    const unknown = await callApi(host.port, host.token, 'deleteEverything', []);
    const inherited = await callApi(host.port, host.token, 'constructor', []);
    const get = await rawRequest(host.port, {
      path: '/api/getSnapshot',
      headers: { 'x-tokentray-token': host.token },
    });

    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'unknown_method' } });
    expect(inherited.status).toBe(404);
    expect(get.status).toBe(405);
  });

  it('answers wrong argument types with 400 and field errors, and changes nothing', async () => {
    const before = await visibleState();
    const wrongType = await callApi(host.port, host.token, 'addPartner', [{ name: 42 }]);
    const notAList = await callApi(host.port, host.token, 'addPartner', { name: 'Acme' });
    const notJson = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/addPartner',
      headers: { 'content-type': 'application/json', 'x-tokentray-token': host.token },
      body: '[{"name": ',
    });

    expect([wrongType.status, notAList.status, notJson.status]).toEqual([400, 400, 400]);
    expect(JSON.parse(wrongType.body)).toMatchObject({
      error: { code: 'invalid_input', fieldErrors: { name: expect.any(String) } },
    });
    expect(await visibleState()).toEqual(before);
  });

  it('streams a changed event to an open window after a partner is added', async () => {
    const received = new Promise<{ contentType?: string; event: ApiEvent }>((resolve, reject) => {
      const stream = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { cookie: `tokentray_session=${host.token}`, accept: 'text/event-stream' },
        },
        (response) => {
          let buffered = '';
          let added = false;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffered += chunk;
            // The first comment says the stream is live: only then is the partner added.
            if (!added && buffered.startsWith(': connected')) {
              added = true;
              callApi(host.port, host.token, 'addPartner', [{ name: 'Streamed Partner' }]).catch(reject);
            }
            const data = /^data: (.+)$/m.exec(buffered)?.[1];
            if (data) {
              resolve({ contentType: response.headers['content-type'], event: JSON.parse(data) as ApiEvent });
              stream.destroy();
            }
          });
        },
      );
      stream.on('error', reject);
      stream.end();
    });

    const { contentType, event } = await received;
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(event).toEqual({ type: 'changed', connectionIds: [] });
  });

  it('refuses the event stream without the token', async () => {
    const response = await rawRequest(host.port, { path: '/api/events' });

    expect(response.status).toBe(401);
  });
});
