import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../../main/core/app';
import type { PartnerId } from '../../../main/core/domain/ids';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { FakeClock } from '../../support/fake-clock';
import { CONNECTIONS_PER_PARTNER } from '../planner/big-catalog';
import { ACCESS_LIFETIME_SEC, dialectAt } from './dialect-mix';
import { InMemoryVault } from './in-memory-vault';
import { TimedStore } from './timed-store';
import { TimedVault } from './timed-vault';

/** The engine's side of the renewal benchmark: the app's parts on a temp profile, the real keychain, the simulator. */
export interface Fleet {
  core: TokenTrayCore;
  clock: FakeClock;
  simulator: Simulator;
  /** The real keychain, or null when it was set aside for an in-memory vault. */
  keychain: KeytarVault | null;
  timed: TimedVault;
  store: TimedStore;
  /** The simulator's account key of every connection added, and the connection's id, in the same order. */
  accountKeys: string[];
  connectionIds: string[];
  close(): Promise<void>;
}

export type FleetVault = 'keychain' | 'in memory';

/**
 * Adds `count` connections as a person would (core.admin), ten per partner, in
 * the dialect mix. Time is fake, so a jump of the clock makes them due; the
 * sockets, the metadata file and its journal are real, and so is the keychain
 * unless `vault` sets it aside.
 */
export async function startFleet(
  count: number,
  vault: FleetVault,
  onProgress?: (added: number) => void,
): Promise<Fleet> {
  const directory = await mkdtemp(join(tmpdir(), 'tokentray-bench-'));
  const keychain =
    vault === 'keychain' ? new KeytarVault({ service: `TokenTray-bench-${randomUUID()}` }) : null;
  const timed = new TimedVault(keychain ?? new InMemoryVault());
  const clock = new FakeClock(Date.now());
  const now = () => clock.now();
  const simulator = await startSimulator({ now });
  const store = new TimedStore(openConfStore({ directory }));
  const core = new TokenTrayCore({
    store,
    keychain: timed,
    clock,
    http: new AxiosHttpClient({ now }),
    random: () => 0.5,
  });
  const close = async () => {
    await core.stop();
    await simulator.close();
    if (keychain) {
      await removeKeychainEntries(keychain);
      await keychain.close();
    }
    await rm(directory, { recursive: true, force: true });
  };
  const accountKeys: string[] = [];
  const connectionIds: string[] = [];
  try {
    await core.start();
    let partnerId: PartnerId = '';
    for (let index = 0; index < count; index++) {
      if (index % CONNECTIONS_PER_PARTNER === 0) {
        partnerId = core.admin.addPartner({ name: `Partner ${index / CONNECTIONS_PER_PARTNER}` }).id;
      }
      const provisioned = simulator.provision(dialectAt(index), { accessLifetimeSec: ACCESS_LIFETIME_SEC });
      const { input, secrets } = connectionFor(provisioned, partnerId);
      const connection = await core.admin.addConnection(
        { ...input, label: `${input.label} ${index}` },
        secrets,
      );
      accountKeys.push(provisioned.key);
      connectionIds.push(connection.id);
      if ((index + 1) % 100 === 0) onProgress?.(index + 1);
    }
    await core.idle();
  } catch (error) {
    await close();
    throw error;
  }
  return { core, clock, simulator, keychain, timed, store, accountKeys, connectionIds, close };
}

/**
 * Every secret filed under the benchmark's service, listed once and deleted one by one:
 * deleteAll per connection would also delete and read back every kind it never had.
 */
export async function removeKeychainEntries(keychain: KeytarVault): Promise<void> {
  for (const account of await keychain.listAccounts()) {
    const slash = account.lastIndexOf('/');
    const connectionId = account.slice(0, slash);
    const kind = account.slice(slash + 1) as Parameters<KeytarVault['delete']>[1];
    await keychain.delete(connectionId, kind);
  }
  const left = await keychain.listAccounts();
  if (left.length > 0) throw new Error(`${left.length} keychain entries of the benchmark were left behind`);
}
