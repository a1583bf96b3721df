/**
 * The Electron entry (bundled to dist/electron/main.js): one instance per
 * profile, the core composed over electron-store and the keychain, and the thin
 * shell around it (window, tray, notifications, IPC, clipboard, power events).
 */
import { join, resolve } from 'node:path';
import { app, dialog } from 'electron';
import type { TokenTrayCore } from '../core/app';
import { TokenTrayError } from '../core/domain/errors';
import { endWhenCoreStops } from '../core/host-stop';
import { openLockedProfile } from '../core/open-profile';
import type { ProfileLock } from '../core/store/profile-lock';
import { KeytarVault } from '../core/vault/keytar-vault';
import { openAppStore } from './app-store';
import { startUtilityHelper } from './keychain-helper-process';
import { registerAppScheme } from './renderer-protocol';
import { Shell } from './shell';
import { loginStartArgs, parseShellArgs, workspaceRestartArgs } from './shell-args';
import { lockDownWebContents } from './window';

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

/** Opens the profile (locked to this process), wires the shell around it, and starts it. */
async function start(): Promise<void> {
  if (options.problem) return fail(new TokenTrayError('invalid_input', options.problem));
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
      workspace: options.workspace,
      moveIn: options.workspace?.moveIn,
      // Another TokenTray may own the profile now: stop renewing rather than race it.
      onLockLost: (error) => {
        showProblem(error);
        void opened?.core.halt(error);
      },
    });
  } catch (error) {
    return fail(error);
  }
  const shell = new Shell(
    { ...opened, vault, profileDir },
    { startHidden: options.hidden, isQuitting: () => quitting, loginArgs: loginStartArgs(options.workspace) },
  );
  // Set before start-up finishes: a quit during it still stops what has started.
  shutdown = () => shell.stop();
  // As the browser host: a core that stopped by itself (the profile moved into a workspace, or
  // its lock lost) ends the app; after a move it starts again, on the workspace.
  endWhenCoreStops(opened.core, {
    profileDir,
    end: (next) => {
      if (next) app.relaunch({ args: workspaceRestartArgs(process.argv.slice(1), next) });
      app.quit();
    },
  });
  await shell.start();
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
