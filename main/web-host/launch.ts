import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenTrayCore } from '../core/app';
import type { TokenTrayError } from '../core/domain';
import { openConfStore } from '../core/store/conf-store';
import { openLockedProfile } from '../core/open-profile';
import type { Clock } from '../core/domain/clock';
import { systemClock } from '../core/domain/clock';
import { attachDesktopNotices } from '../core/notify/desktop-notices';
import type { DesktopNotices } from '../core/notify/desktop-notices';
import type { ShowOnDesktop } from './desktop-notifier';
import { BrowserHostNotifier, nodeNotifierDesktop, PageNotices } from './desktop-notifier';
import { KeytarVault } from '../core/vault/keytar-vault';
import type { WorkspaceOptions } from '../core/workspace/open-workspace';
import { publishInstance } from './instance-file';
import { openMailDraft } from './open-browser';
import { probeAhead } from './probe-ahead';
import { startWebHost } from './server';
import type { WebHost } from './server';

/** dist/renderer beside main/, where `npm run build` puts the window. */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
/** The app icon the notifications show. */
const NOTIFICATION_ICON = fileURLToPath(new URL('../../build/icons/128x128.png', import.meta.url));

export interface LaunchOptions {
  profileDir: string;
  port: number;
  /** The keychain service the secrets are filed under; TokenTray's own unless given (tests, the demo). */
  keychainService?: string;
  rendererDir?: string;
  /** One line for the person (the CLI writes it to stderr). */
  warn(line: string): void;
  /** Another TokenTray took the profile over: this one must stop renewing. */
  onLockLost?(error: TokenTrayError): void;
  /** Desktop notifications: node-notifier on the system clock unless given (tests). */
  notifications?: { show?: ShowOnDesktop; clock?: Clock; gatherMs?: number };
  /** A shared workspace (PostgreSQL URL and member name) instead of the profile's own files. */
  workspace?: WorkspaceOptions & { moveIn?: boolean };
}

export interface LaunchedHost {
  core: TokenTrayCore;
  vault: KeytarVault;
  host: WebHost;
  /** The desktop notifications' rules, applied in this process. */
  notices: DesktopNotices;
  /** Stops the server and the core, then gives the profile back. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The browser host on a profile: its lock first (throws `profile_locked` if another
 * TokenTray holds it), then the metadata store, the keychain, the core and the server.
 */
export async function launchBrowserHost(options: LaunchOptions): Promise<LaunchedHost> {
  const vault = new KeytarVault({ service: options.keychainService });
  let opened: Awaited<ReturnType<typeof openLockedProfile>>;
  try {
    opened = await openLockedProfile({
      profileDir: options.profileDir,
      openStore: (directory) => openConfStore({ directory }),
      // Asked before the metadata loads, so the keychain's answer is in by the time the core starts.
      vault: probeAhead(vault),
      onLockLost: options.onLockLost,
      workspace: options.workspace,
      moveIn: options.workspace?.moveIn,
    });
  } catch (error) {
    // The early probe started the keychain's helper: it must not outlive a launch that failed.
    await vault.close().catch(() => {});
    throw error;
  }
  const { core, lock } = opened;
  const pageNotices = new PageNotices();
  // Listening before the core starts: reminders due at start-up are raised then.
  const { notices, detach } = attachDesktopNotices(core, {
    notifier: new BrowserHostNotifier({
      show: options.notifications?.show ?? nodeNotifierDesktop(NOTIFICATION_ICON),
      page: pageNotices,
    }),
    clock: options.notifications?.clock ?? systemClock,
    gatherMs: options.notifications?.gatherMs,
    profileDir: options.profileDir,
  });
  try {
    await core.start();
    const secretsLock = core.secretsLock();
    if (secretsLock) {
      options.warn(`TokenTray is locked: ${secretsLock.message}`);
      for (const step of secretsLock.guidance) options.warn(`  - ${step}`);
      // Each command alone on its line, indented as a terminal's copy and paste expects.
      for (const command of secretsLock.commands ?? []) options.warn(`      ${command}`);
    }
    const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
    if (!existsSync(join(rendererDir, 'index.html'))) {
      options.warn(
        `The window is not built (${rendererDir} is missing): run \`npm run build\`. The API runs meanwhile.`,
      );
    }
    const host = await startWebHost({
      core,
      port: options.port,
      rendererDir,
      pageNotices,
      host: { kind: 'browser', openMailDraft: (mailto) => openMailDraft(mailto) },
    });
    const unpublish = publishInstance(options.profileDir, host.port, host.token);
    let stopping: Promise<void> | undefined;
    return {
      core,
      vault,
      host,
      notices,
      stop: () =>
        (stopping ??= (async () => {
          unpublish();
          detach();
          await host.close();
          await core.stop();
          await vault.close();
          await lock.release();
        })()),
    };
  } catch (error) {
    detach();
    await core.stop().catch(() => {});
    await vault.close().catch(() => {});
    await lock.release();
    throw error;
  }
}
