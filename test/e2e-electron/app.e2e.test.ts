/**
 * The Electron app itself, driven by Playwright's `_electron`. Where the Electron
 * binary is missing (it cannot be downloaded here) every test is skipped with the
 * reason printed: these tests then cover nothing, and say so.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../main/core/api/api-methods';
import { electronBinaryPath } from '../../scripts/start';

const ROOT = join(import.meta.dirname, '../..');
const binary = electronBinaryPath(join(ROOT, 'node_modules', 'electron'));
const SKIP_REASON =
  'Electron end-to-end tests skipped: the Electron binary is not installed (node_modules/electron/dist is missing and cannot be downloaded here). They cover nothing in this run.';
if (binary === null) console.log(SKIP_REASON);

describe.skipIf(binary === null)('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    await build({ configFile: join(ROOT, 'renderer', 'vite.config.ts'), logLevel: 'error' });
    for (const mode of ['main', 'preload']) {
      await build({ configFile: join(ROOT, 'build', 'vite.electron.config.ts'), mode, logLevel: 'error' });
    }
    profile = await mkdtemp(join(tmpdir(), 'tokentray-electron-'));
    const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
    app = await electron.launch({
      // Given explicitly: Playwright would otherwise require('electron'), which downloads.
      executablePath: binary!,
      args: [
        join(ROOT, 'dist', 'electron', 'main.js'),
        '--profile',
        profile,
        '--keychain-service',
        `TokenTray-test-${randomUUID()}`,
      ],
      env: env as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('opens one window on the app scheme, titled TokenTray', async () => {
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe('tokentray://app/index.html');
    expect(await page.title()).toBe('TokenTray');
  });

  it('gives the page the TokenTray API and nothing of Node', async () => {
    const seen = await page.evaluate(() => ({
      methods: Object.keys(window.tokentray ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(seen).toEqual({
      methods: [...API_METHODS, 'onEvent'].sort(),
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('answers API calls over IPC, and rejects bad input with field errors', async () => {
    const outcome = await page.evaluate(async () => {
      const api = window.tokentray!;
      const partner = await api.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
      const failure = await api.addPartner({ name: '' }).then(
        () => null,
        (error: { code?: string; fieldErrors?: Record<string, string> }) => error,
      );
      const snapshot = await api.getSnapshot();
      return { partner: partner.name, failure, names: snapshot.partners.map((p) => p.name) };
    });
    expect(outcome.partner).toBe('Acme');
    expect(outcome.failure).toMatchObject({
      code: 'invalid_input',
      fieldErrors: { name: expect.any(String) },
    });
    expect(outcome.names).toEqual(['Acme']);
  });

  it('runs no inline script and opens no other window', async () => {
    const result = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineScriptRan = true';
      document.head.append(script);
      const opened = window.open('https://example.com/');
      return {
        inlineScriptRan: (window as unknown as { __inlineScriptRan?: boolean }).__inlineScriptRan === true,
        opened: opened !== null,
      };
    });
    expect(result).toEqual({ inlineScriptRan: false, opened: false });
    expect(app.windows()).toHaveLength(1);
  });

  it('hides to the tray when the window is closed, and keeps running', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    const state = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      return { windows: BrowserWindow.getAllWindows().length, visible: window?.isVisible() ?? null };
    });
    expect(state).toEqual({ windows: 1, visible: false });
  });
});
