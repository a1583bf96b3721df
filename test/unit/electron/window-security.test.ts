import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../main/electron/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../../main/core/api/content-types';
import { decideLink, secureWebPreferences, windowOptions } from '../../../main/electron/window-options';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }),
);

describe('the window', () => {
  it('runs the page isolated and sandboxed, without Node', () => {
    const preferences = secureWebPreferences('/app/preload.cjs');
    expect(preferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(windowOptions('/app/preload.cjs', '/app/icon.png').webPreferences).toEqual(preferences);
  });

  it('loads scripts only from its own files: no eval, no inline script, nothing remote', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('hands a mailto: draft to the mail app and denies every other link or navigation', () => {
    const mailto = 'mailto:ops@partner.example?subject=Your%20new%20token';
    expect(decideLink(mailto)).toEqual({ kind: 'openExternal', url: mailto });
    for (const url of [
      'https://partner.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      APP_ENTRY_URL,
      'not a url',
    ]) {
      expect(decideLink(url)).toEqual({ kind: 'deny' });
    }
  });

  it('trusts only its own app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('tokentray://app/index.html#/settings')).toBe(true);
    expect(isAppUrl('tokentray://evil/index.html')).toBe(false);
    expect(isAppUrl('tokentray://user@app/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
