import { expect, test } from './fixtures';
import { openWindow } from './fixtures';
import { rawRequest } from '../support/raw-http-request';

const JSON_BODY = { 'content-type': 'application/json' };

test.describe('the browser host refuses whoever is not the window it printed the link for', () => {
  test('the window needs the link token; the link sets a strict session cookie', async ({ host }) => {
    const bare = await rawRequest(host.port, { path: '/' });
    const wrong = await rawRequest(host.port, { path: '/?token=not-the-token' });
    const right = await rawRequest(host.port, { path: `/?token=${host.token}` });

    expect(bare.status).toBe(401);
    expect(bare.body).toContain('Open the link TokenTray printed in the terminal');
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
    expect(right.headers['set-cookie']).toEqual([
      expect.stringMatching(/HttpOnly; SameSite=Strict; Path=\//),
    ]);
    expect(right.headers['content-security-policy']).toContain("default-src 'self'");
    expect(right.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('the API answers 401 without the token or with a wrong one', async ({ host }) => {
    const call = (headers: Record<string, string>) =>
      rawRequest(host.port, {
        method: 'POST',
        path: '/api/getSnapshot',
        headers: { ...JSON_BODY, ...headers },
        body: '[]',
      });

    expect((await call({})).status).toBe(401);
    expect((await call({ 'x-tokentray-token': 'not-the-token' })).status).toBe(401);
    expect((await call({ cookie: 'tokentray_session=not-the-token' })).status).toBe(401);
    expect((await rawRequest(host.port, { path: '/api/events' })).status).toBe(401);
    expect((await call({ 'x-tokentray-token': host.token })).status).toBe(200);
  });

  test('a foreign Origin or Host is refused with 403, even with the right token', async ({ host }) => {
    const call = (headers: Record<string, string>) =>
      rawRequest(host.port, {
        method: 'POST',
        path: '/api/getSnapshot',
        headers: { ...JSON_BODY, 'x-tokentray-token': host.token, ...headers },
        body: '[]',
      });

    expect((await call({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    expect((await call({ host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await rawRequest(host.port, { path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
    // The loopback names of this port are the window's own.
    expect((await call({ origin: `http://localhost:${host.port}` })).status).toBe(200);
    expect((await call({ host: `localhost:${host.port}` })).status).toBe(200);
  });

  test('a page of another origin on this computer gets 403, though its request carries the cookie', async ({
    page,
    host,
    simulator,
  }) => {
    await openWindow(page, host);
    // Another port of 127.0.0.1 is the same site, so the browser sends the cookie along: the Origin check must hold.
    await page.goto(`${simulator.url}/`);
    // The browser hides a cross-origin answer from the page and from Playwright's events; its DevTools still see it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const target = `${host.origin}/api/getSnapshot`;
    const seen = new Map<string, { url?: string; cookie?: string; origin?: string; status?: number }>();
    const entry = (id: string) => seen.get(id) ?? seen.set(id, {}).get(id)!;
    cdp.on('Network.requestWillBeSent', (event) => (entry(event.requestId).url = event.request.url));
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      entry(event.requestId).cookie = event.headers['Cookie'];
      entry(event.requestId).origin = event.headers['Origin'];
    });
    cdp.on(
      'Network.responseReceivedExtraInfo',
      (event) => (entry(event.requestId).status = event.statusCode),
    );

    const read = await page.evaluate(async (url) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'text/plain' },
          body: '[]',
        });
        return `read HTTP ${response.status}`;
      } catch {
        return 'blocked';
      }
    }, target);

    expect(read).toBe('blocked');
    const exchange = () => [...seen.values()].find((e) => e.url === target && e.status !== undefined);
    await expect.poll(() => exchange()?.status).toBe(403);
    expect(exchange()?.origin).toBe(simulator.url);
    expect(exchange()?.cookie?.startsWith('tokentray_session=')).toBe(true);
  });
});
