import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../../main/web-host/server';
import type { WebHost } from '../../../main/web-host/server';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { callApi, rawRequest } from '../../support/raw-http-request';

/** Sits beside the renderer directory: no request may ever return it. */
const MARKER = 'outside-the-renderer-4f1c';

let harness: CoreHarness;
let host: WebHost;
let parentDir: string;

beforeAll(async () => {
  harness = await startCoreHarness({ start: false });
  parentDir = await mkdtemp(join(tmpdir(), 'tokentray-static-'));
  const rendererDir = join(parentDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(parentDir, 'package.json'), JSON.stringify({ name: MARKER }));
  await writeFile(join(parentDir, 'secret.txt'), MARKER);
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>TokenTray</title><div id="root"></div>',
  );
  await writeFile(join(rendererDir, 'assets', 'index-3b2a.js'), 'console.log("window");');
  await writeFile(join(rendererDir, 'assets', 'index-3b2a.css'), 'body{}');
  await writeFile(join(rendererDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await symlink(join(parentDir, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'));
  host = await startWebHost({ core: harness.core, port: 0, rendererDir });
});

afterAll(async () => {
  await host.close();
  await harness.close();
  await rm(parentDir, { recursive: true, force: true });
});

describe('the browser host window and static files', () => {
  it('serves the window for the printed link, sets the session cookie and a strict CSP', async () => {
    const page = await rawRequest(host.port, { path: `/?token=${host.token}` });

    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['set-cookie']).toEqual([
      `tokentray_session=${host.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    const csp = page.headers['content-security-policy'];
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the window again from the cookie alone', async () => {
    const page = await rawRequest(host.port, {
      path: '/',
      headers: { cookie: `tokentray_session=${host.token}` },
    });

    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 with a page pointing to the terminal when the token is missing or wrong', async () => {
    const none = await rawRequest(host.port, { path: '/' });
    const wrong = await rawRequest(host.port, { path: '/?token=guess' });
    const direct = await rawRequest(host.port, { path: '/index.html' });

    expect([none.status, wrong.status, direct.status]).toEqual([401, 401, 401]);
    expect(none.body).toContain('terminal');
    expect(none.body).not.toContain('id="root"');
    expect(none.headers['set-cookie']).toBeUndefined();
  });

  it('serves the built assets without the token, with their content types', async () => {
    const script = await rawRequest(host.port, { path: '/assets/index-3b2a.js' });
    const style = await rawRequest(host.port, { path: '/assets/index-3b2a.css' });
    const icon = await rawRequest(host.port, { path: '/icon.svg' });

    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['cache-control']).toContain('immutable');
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
  });

  it.each([
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/..%2fsecret.txt',
    '/assets/escape.txt',
    '/assets/%00../secret.txt',
    '/assets/%E0%A4%A',
  ])('refuses to leave the renderer directory: %s', async (path) => {
    const response = await rawRequest(host.port, { path });

    expect(response.status).toBe(404);
    expect(response.body).not.toContain(MARKER);
  });

  it('says to run the build when the window is not built, and still serves the API', async () => {
    const bare = await startWebHost({ core: harness.core, port: 0, rendererDir: join(parentDir, 'missing') });
    try {
      const page = await rawRequest(bare.port, { path: `/?token=${bare.token}` });
      const api = await callApi(bare.port, bare.token, 'listPresets', []);

      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build');
      expect(api.status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
