/**
 * The Electron entry (bundled to dist/electron/main.js): one instance per
 * profile, the core composed over electron-store and the keychain, and the thin
 * shell around it (window, tray, notifications, IPC, clipboard, power events).
 */
import { join, resolve } from 'node:path';
import { app, dialog, session } from 'electron';
import type { TokenTrayCore } from '../core/app';
import { DesktopNotices } from '../core/notify/desktop-notices';
import { createCoreApi } from '../core/api/core-api';
import { openSignInPage } from './open-sign-in-page';
import { createDispatcher, toApiEvent } from '../core/api/dispatch';
import { TokenTrayError } from '../core/domain/errors';
import { systemClock } from '../core/engine/clock';
import type { ProfileLock } from '../core/store/profile-lock';
import { openLockedProfile } from '../core/open-profile';
import type { ListSnapshot } from '../core/view/list-snapshot';
import { buildListSnapshot } from '../core/view/list-snapshot';
import { KeytarVault } from '../core/vault/keytar-vault';
import { publishInstance } from '../web-host/instance-file';
import { startWebHost } from '../web-host/server';
import { openAppStore } from './app-store';
import { electronClipboard } from './clipboard';
import { ClipboardGuard } from './clipboard-guard';
import { registerIpc, sendEvent } from './ipc';
import { startUtilityHelper } from './keychain-helper-process';
import { applyLaunchAtLogin } from './login-item';
import { ElectronNotifier } from './notifications';
import { APP_ICON_PATH, ICONS_DIR, RENDERER_DIR } from './paths';
import { watchPowerAndClock } from './power';
import { hardenSession, registerAppScheme, serveRenderer } from './renderer-protocol';
import { parseShellArgs } from './shell-args';
import { AppTray } from './tray';
import { traySummaryOf } from './tray-model';
import { createMainWindow, lockDownWebContents, showWindow } from './window';

/** The tooltip counts down in minutes. */
const TRAY_REFRESH_MS = 30_000;
/** Bursts of changes (a renewal touches state, tokens and plan) redraw the tray once. */
const TRAY_SETTLE_MS = 250;

const options = parseShellArgs(process.argv);
app.setName('TokenTray');
// Set before the single-instance lock, which is taken per user data folder.
app.setPath(
  'userData',
  options.profileDir ? resolve(options.profileDir) : join(app.getPath('appData'), 'TokenTray'),
);
registerAppScheme();
app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

let quitting = false;
let shutdown: (() => Promise<void>) | null = null;

if (!app.requestSingleInstanceLock()) {
  // The first instance is told (second-instance) and shows its window.
  app.quit();
} else {
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (!shutdown) return;
    const finish = shutdown;
    shutdown = null;
    event.preventDefault();
    void finish().finally(() => app.quit());
  });
  // The window only hides; quitting is the tray menu's job.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start(): Promise<void> {
  const profileDir = app.getPath('userData');
  let opened: { core: TokenTrayCore; lock: ProfileLock };
  const vault = new KeytarVault({
    service: options.keychainService ?? undefined,
    startHelper: startUtilityHelper,
  });
  try {
    opened = await openLockedProfile({
      profileDir,
      openStore: openAppStore,
      vault,
      // Another TokenTray may own the profile now: stop renewing rather than race it.
      onLockLost: (error) => {
        showProblem(error);
        void opened?.core.halt(error);
      },
    });
  } catch (error) {
    return fail(error);
  }
  const { core, lock } = opened;

  const clipboardGuard = new ClipboardGuard(electronClipboard, systemClock);
  const api = createCoreApi(core, {
    kind: 'electron',
    copyToClipboard: (token, clearAfterSeconds) => clipboardGuard.copy(token, clearAfterSeconds),
    openExternal: openSignInPage,
  });
  const dispatch = createDispatcher(api, {
    onInternalError: (method) => console.error(`TokenTray: ${method} failed unexpectedly.`),
  });

  hardenSession(session.defaultSession);
  serveRenderer(RENDERER_DIR);
  const window = createMainWindow({ startHidden: options.hidden, isQuitting: () => quitting });
  const unregisterIpc = registerIpc(dispatch, window);
  app.on('second-instance', () => showWindow(window));
  app.on('activate', () => showWindow(window));

  const openConnection = (connectionId: string) => {
    showWindow(window);
    sendEvent(window, { type: 'focusConnection', connectionId });
  };
  const notifier = new ElectronNotifier({ iconPath: APP_ICON_PATH, onClick: openConnection });
  const notifications = new DesktopNotices({
    notifier,
    clock: systemClock,
    settings: () => core.getSettings(),
    profileDir,
  });
  const tray = new AppTray(ICONS_DIR, {
    open: () => showWindow(window),
    renewDue: () => void core.renewDue().catch(() => undefined),
    pauseRenewals: (checked) => void api.setRenewalsPaused(checked).catch(() => undefined),
    quit: () => app.quit(),
  });

  // The list snapshot: what rows need, a fraction of the full one at thousands of connections.
  const listSnapshot = () => core.view(buildListSnapshot);
  const refreshTray = () => tray.update(traySummaryOf(listSnapshot()), core.now());
  let trayTimer: NodeJS.Timeout | null = null;
  const refreshTraySoon = () => {
    trayTimer ??= setTimeout(() => {
      trayTimer = null;
      refreshTray();
    }, TRAY_SETTLE_MS);
  };
  const trayClock = setInterval(refreshTray, TRAY_REFRESH_MS);

  let launchAtLogin: boolean | null = null;
  const syncLaunchAtLogin = () => {
    const wanted = core.getSettings().launchAtLogin;
    if (wanted === launchAtLogin) return;
    launchAtLogin = wanted;
    applyLaunchAtLogin(wanted).catch(() => console.error('TokenTray: launch at login could not be changed.'));
  };

  const unsubscribe = core.subscribe((event) => {
    sendEvent(window, toApiEvent(event));
    let snapshot: ListSnapshot | undefined;
    notifications.handle(event, () => (snapshot ??= listSnapshot()));
    if (event.type === 'changed' && event.connectionIds.length === 0) syncLaunchAtLogin();
    refreshTraySoon();
  });
  const stopWatching = watchPowerAndClock(() => {
    core.replan();
    notifications.reconsider();
    refreshTray();
  });

  // Opened once the core has started; shutdown may come first.
  const commandLineApi = { stop: async () => {} };
  shutdown = async () => {
    await commandLineApi.stop();
    stopWatching();
    unsubscribe();
    clearInterval(trayClock);
    if (trayTimer) clearTimeout(trayTimer);
    notifications.dispose();
    notifier.dispose();
    await clipboardGuard.clearNow();
    unregisterIpc();
    tray.destroy();
    await core.stop();
    await vault.close();
    await lock.release();
  };

  await core.start();
  commandLineApi.stop = await startCommandLineApi(core, profileDir);
  syncLaunchAtLogin();
  refreshTray();
}

/**
 * `tokentray` reaches this instance through a local API of its own on 127.0.0.1, whose
 * address and token it finds in the profile: a script cannot reach the window's IPC.
 */
async function startCommandLineApi(core: TokenTrayCore, profileDir: string): Promise<() => Promise<void>> {
  const api = await startWebHost({ core, port: 0, host: { kind: 'command-line' } });
  const unpublish = publishInstance(profileDir, api.port, api.token);
  return async () => {
    unpublish();
    await api.close();
  };
}

/** A problem at start-up, in a dialog (there is no window yet), then quit. */
function fail(error: unknown): void {
  showProblem(error);
  app.exit(1);
}

function showProblem(error: unknown): void {
  if (error instanceof TokenTrayError) {
    dialog.showErrorBox('TokenTray', [error.message, ...error.guidance].join('\n\n'));
  } else {
    dialog.showErrorBox(
      'TokenTray',
      'TokenTray could not start. Try again; if it keeps happening, reinstall TokenTray.',
    );
    console.error('TokenTray: start-up failed.', error instanceof Error ? error.name : typeof error);
  }
}
