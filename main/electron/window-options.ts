import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Electron's security checklist: an isolated, sandboxed renderer with no Node. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function windowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'TokenTray',
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    // Shown once the first paint is ready, so it never flashes blank.
    show: false,
    icon: iconPath,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export type LinkDecision = { kind: 'deny' } | { kind: 'openExternal'; url: string };

/**
 * The window never goes anywhere: no navigation and no new windows. The one
 * exception is a mailto: draft (share with partner), handed to the mail app.
 */
export function decideLink(url: string): LinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'deny' };
  }
  if (parsed.protocol === 'mailto:') return { kind: 'openExternal', url: parsed.href };
  return { kind: 'deny' };
}
