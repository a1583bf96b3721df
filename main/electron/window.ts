import { BrowserWindow, shell } from 'electron';
import type { WebContents } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { APP_ICON_PATH, PRELOAD_PATH } from './paths';
import { decideLink, windowOptions } from './window-options';

export interface MainWindowOptions {
  /** Started at login: stay in the tray until someone opens the window. */
  startHidden: boolean;
  /** True once the app is quitting; until then closing the window only hides it. */
  isQuitting: () => boolean;
}

/** The one window. Closing it hides it to the tray; renewals go on. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(windowOptions(PRELOAD_PATH, APP_ICON_PATH));
  window.once('ready-to-show', () => {
    if (!options.startHidden) window.show();
  });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(
      `TokenTray: the window could not load (${error instanceof Error ? error.message : 'unknown error'}).`,
    );
  });
  return window;
}

export function showWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * For every web contents the app creates: no navigation, no new windows, no
 * webviews. A mailto: link (share with partner) goes to the mail app instead.
 */
export function lockDownWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    handOver(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    handOver(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function handOver(url: string): void {
  const decision = decideLink(url);
  if (decision.kind === 'openExternal') void shell.openExternal(decision.url);
}
