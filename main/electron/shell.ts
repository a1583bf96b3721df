import { app, session } from 'electron';
import type { BrowserWindow } from 'electron';
import type { TokenTrayApi } from '../core/api/api-contract';
import { createCoreApi } from '../core/api/core-api';
import { createDispatcher, toApiEvent } from '../core/api/dispatch';
import type { Dispatch } from '../core/api/dispatch';
import type { TokenTrayCore } from '../core/app';
import { DesktopNotices } from '../core/notify/desktop-notices';
import { systemClock } from '../core/domain/clock';
import type { ProfileLock } from '../core/store/profile-lock';
import type { KeytarVault } from '../core/vault/keytar-vault';
import type { ListSnapshot } from '../core/view/list-snapshot';
import { buildListSnapshot } from '../core/view/list-snapshot';
import { publishInstance } from '../web-host/instance-file';
import { startWebHost } from '../web-host/server';
import { electronClipboard } from './clipboard';
import { ClipboardGuard } from './clipboard-guard';
import { registerIpc, sendEvent } from './ipc';
import { applyLaunchAtLogin } from './login-item';
import { ElectronNotifier } from './notifications';
import { openMailDraft } from './open-mail-draft';
import { openSignInPage } from './open-sign-in-page';
import { APP_ICON_PATH, ICONS_DIR, RENDERER_DIR } from './paths';
import { watchPowerAndClock } from './power';
import { hardenSession, serveRenderer } from './renderer-protocol';
import { AppTray } from './tray';
import { traySummaryOf } from './tray-model';
import { createMainWindow, showWindow } from './window';

/** The tooltip counts down in minutes. */
const TRAY_REFRESH_MS = 30_000;
/** Bursts of changes (a renewal touches state, tokens and plan) redraw the tray once. */
const TRAY_SETTLE_MS = 250;

export interface OpenedProfile {
  core: TokenTrayCore;
  vault: KeytarVault;
  lock: ProfileLock;
  profileDir: string;
}

export interface ShellOptions {
  startHidden: boolean;
  isQuitting(): boolean;
  /** What a start at login needs to open the same thing again (shell-args.ts: loginStartArgs). */
  loginArgs: readonly string[];
}

/**
 * The Electron shell around an opened profile. The constructor wires the parts in
 * dependency order (the window and the tray appear, nothing is answered or renewed
 * yet); start() brings the shell up in order and stop() takes it down.
 */
export class Shell {
  private readonly core: TokenTrayCore;
  private readonly clipboardGuard = new ClipboardGuard(electronClipboard, systemClock);
  private readonly api: TokenTrayApi;
  private readonly dispatch: Dispatch;
  private readonly window: BrowserWindow;
  private readonly notifier: ElectronNotifier;
  private readonly notifications: DesktopNotices;
  private readonly tray: AppTray;
  private trayClock: NodeJS.Timeout | undefined;
  private trayTimer: NodeJS.Timeout | null = null;
  private launchAtLogin: boolean | null = null;
  private unregisterIpc = () => {};
  private unsubscribe = () => {};
  private stopWatching = () => {};
  private stopCommandLineApi = async () => {};

  constructor(
    private readonly profile: OpenedProfile,
    private readonly options: ShellOptions,
  ) {
    this.core = profile.core;
    this.api = createCoreApi(this.core, {
      kind: 'electron',
      copyToClipboard: (token, clearAfterSeconds) => this.clipboardGuard.copy(token, clearAfterSeconds),
      openExternal: openSignInPage,
      openMailDraft,
    });
    this.dispatch = createDispatcher(this.api, {
      onInternalError: (method) => console.error(`TokenTray: ${method} failed unexpectedly.`),
    });
    hardenSession(session.defaultSession);
    serveRenderer(RENDERER_DIR);
    this.window = createMainWindow({ startHidden: options.startHidden, isQuitting: options.isQuitting });
    this.notifier = new ElectronNotifier({
      iconPath: APP_ICON_PATH,
      onClick: (connectionId) => this.openConnection(connectionId),
    });
    this.notifications = new DesktopNotices({
      notifier: this.notifier,
      clock: systemClock,
      settings: () => this.core.getSettings(),
      profileDir: profile.profileDir,
    });
    this.tray = new AppTray(ICONS_DIR, {
      open: () => showWindow(this.window),
      renewDue: () => void this.core.renewDue().catch(() => undefined),
      pauseRenewals: (checked) => void this.api.setRenewalsPaused(checked).catch(() => undefined),
      quit: () => app.quit(),
    });
  }

  /** The window answered, events flowing, the core renewing, then the command line's API. */
  async start(): Promise<void> {
    this.unregisterIpc = registerIpc(this.dispatch, this.window);
    app.on('second-instance', () => showWindow(this.window));
    app.on('activate', () => showWindow(this.window));
    this.trayClock = setInterval(() => this.refreshTray(), TRAY_REFRESH_MS);
    this.unsubscribe = this.core.subscribe((event) => {
      sendEvent(this.window, toApiEvent(event));
      let snapshot: ListSnapshot | undefined;
      this.notifications.handle(event, () => (snapshot ??= this.listSnapshot()));
      if (event.type === 'changed' && event.connectionIds.length === 0) this.syncLaunchAtLogin();
      this.refreshTraySoon();
    });
    this.stopWatching = watchPowerAndClock(() => {
      this.core.replan();
      this.notifications.reconsider();
      this.refreshTray();
    });
    await this.core.start();
    this.stopCommandLineApi = await startCommandLineApi(this.core, this.profile.profileDir);
    this.syncLaunchAtLogin();
    this.refreshTray();
  }

  /** Safe at any point of start(): what has not started yet stops as a no-op. */
  async stop(): Promise<void> {
    await this.stopCommandLineApi();
    this.stopWatching();
    this.unsubscribe();
    clearInterval(this.trayClock);
    if (this.trayTimer) clearTimeout(this.trayTimer);
    this.notifications.dispose();
    this.notifier.dispose();
    await this.clipboardGuard.clearNow();
    this.unregisterIpc();
    this.tray.destroy();
    await this.core.stop();
    await this.profile.vault.close();
    await this.profile.lock.release();
  }

  private openConnection(connectionId: string): void {
    showWindow(this.window);
    sendEvent(this.window, { type: 'focusConnection', connectionId });
  }

  /** The list snapshot: what rows need, a fraction of the full one at thousands of connections. */
  private listSnapshot(): ListSnapshot {
    return this.core.view(buildListSnapshot);
  }

  private refreshTray(): void {
    this.tray.update(traySummaryOf(this.listSnapshot()), this.core.now());
  }

  private refreshTraySoon(): void {
    this.trayTimer ??= setTimeout(() => {
      this.trayTimer = null;
      this.refreshTray();
    }, TRAY_SETTLE_MS);
  }

  private syncLaunchAtLogin(): void {
    const wanted = this.core.getSettings().launchAtLogin;
    if (wanted === this.launchAtLogin) return;
    this.launchAtLogin = wanted;
    applyLaunchAtLogin(wanted, this.options.loginArgs).catch(() =>
      console.error('TokenTray: launch at login could not be changed.'),
    );
  }
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
