import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenTrayCore } from '../core/app';
import type { TokenTrayError } from '../core/domain';
import { openConfStore } from '../core/store/conf-store';
import { acquireProfileLock } from '../core/store/profile-lock';
import { KeytarVault } from '../core/vault/keytar-vault';
import { probeAhead } from './probe-ahead';
import { startWebHost } from './server';
import type { WebHost } from './server';

/** dist/renderer beside main/, where `npm run build` puts the window. */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

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
}

export interface LaunchedHost {
  core: TokenTrayCore;
  vault: KeytarVault;
  host: WebHost;
  /** Stops the server and the core, then gives the profile back. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The browser host on a profile: its lock first (throws `profile_locked` if another
 * TokenTray holds it), then the metadata store, the keychain, the core and the server.
 */
export async function launchBrowserHost(options: LaunchOptions): Promise<LaunchedHost> {
  const lock = await acquireProfileLock(options.profileDir, { onCompromised: options.onLockLost });
  let core: TokenTrayCore | undefined;
  let vault: KeytarVault | undefined;
  try {
    vault = new KeytarVault({ service: options.keychainService });
    // Asked before the metadata loads, so the keychain's answer is in by the time the core starts.
    const probedVault = probeAhead(vault);
    const store = openConfStore({ directory: options.profileDir });
    core = new TokenTrayCore({ store, keychain: probedVault });
    await core.start();
    const secretsLock = core.secretsLock();
    if (secretsLock) {
      options.warn(`TokenTray is locked: ${secretsLock.message}`);
      for (const step of secretsLock.guidance) options.warn(`  - ${step}`);
    }
    const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
    if (!existsSync(join(rendererDir, 'index.html'))) {
      options.warn(
        `The window is not built (${rendererDir} is missing): run \`npm run build\`. The API runs meanwhile.`,
      );
    }
    const host = await startWebHost({ core, port: options.port, rendererDir });
    const running = core;
    const keychain = vault;
    let stopping: Promise<void> | undefined;
    return {
      core,
      vault,
      host,
      stop: () =>
        (stopping ??= (async () => {
          await host.close();
          await running.stop();
          await keychain.close();
          await lock.release();
        })()),
    };
  } catch (error) {
    await core?.stop().catch(() => {});
    // The early probe started the keychain's helper: it must not outlive a launch that failed.
    await vault?.close().catch(() => {});
    await lock.release();
    throw error;
  }
}
