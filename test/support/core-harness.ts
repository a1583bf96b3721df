import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../main/core/app';
import type { Clock } from '../../main/core/engine/clock';
import { openConfStore } from '../../main/core/store/conf-store';
import { KeytarVault } from '../../main/core/vault/keytar-vault';
import type { Simulator } from '../simulator/simulator';
import { startSimulator } from '../simulator/simulator';

export interface CoreHarness {
  directory: string;
  vault: KeytarVault;
  simulator: Simulator;
  core: TokenTrayCore;
  /** A second core on the same profile and keychain, as after a restart. */
  restart(options?: { clock?: Clock }): Promise<TokenTrayCore>;
  close(): Promise<void>;
}

/**
 * The real parts, wired as the app wires them: conf on a temp profile, keytar on
 * the test session's gnome-keyring (a service name of its own), the partner
 * simulator on loopback. Only time may be faked.
 */
export async function startCoreHarness(
  options: { clock?: Clock; start?: boolean } = {},
): Promise<CoreHarness> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-test-'));
  const vault = new KeytarVault({ service: `TokenTray-test-${randomUUID()}` });
  const simulator = await startSimulator();
  const open = (clock?: Clock) =>
    new TokenTrayCore({ store: openConfStore({ directory }), vault, clock, random: () => 0.5 });
  let core = open(options.clock);
  if (options.start !== false) await core.start();
  const harness: CoreHarness = {
    directory,
    vault,
    simulator,
    core,
    async restart(restartOptions = {}) {
      await core.stop();
      core = open(restartOptions.clock ?? options.clock);
      harness.core = core;
      await core.start();
      return core;
    },
    async close() {
      await core.stop();
      await simulator.close();
      for (const account of await vault.listAccounts()) {
        const [connectionId, kind] = account.split('/');
        if (connectionId && kind) await vault.deleteAll(connectionId);
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
  return harness;
}
