import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreEvent } from '../../main/core/app';
import { TokenTrayCore } from '../../main/core/app';
import type { Connection, ConnectionInput } from '../../main/core/domain';
import type { Clock } from '../../main/core/domain/clock';
import { AxiosHttpClient } from '../../main/core/http/axios-http-client';
import type { HttpClient } from '../../main/core/http/http-client';
import type { SignInOptions } from '../../main/core/oauth/sign-in';
import { openConfStore } from '../../main/core/store/conf-store';
import { KeytarVault } from '../../main/core/vault/keytar-vault';
import type { Keychain, SecretVault } from '../../main/core/vault/secret-vault';
import type { ProvisionOptions, Provisioned, SimDialect, Simulator } from '../simulator/simulator';
import { startSimulator } from '../simulator/simulator';
import { connectionFor } from './connection-for';

export interface CoreHarnessOptions {
  clock?: Clock;
  /** The partner simulator's time; the core's clock (jumps included) unless given. */
  partnerNow?: () => number;
  /** Start the core at once (default true). */
  start?: boolean;
  http?: HttpClient;
  /** Wraps the real keychain for the core, e.g. to count its calls. */
  wrapKeychain?: (real: KeytarVault) => Keychain;
  /** The profile folder (a small disk, say); a new temporary folder unless given. */
  directory?: string;
  /** First wait before a write the disk refused is tried again. */
  storageRetryMs?: number;
  signIn?: SignInOptions;
}

/** The secrets as the running core keeps them (sealed in its profile), and where they are. */
export interface HarnessSecrets extends SecretVault {
  /** `connection/kind` of every stored secret. */
  listAccounts(): Promise<string[]>;
}

export interface CoreHarness {
  directory: string;
  /** The real keychain the core reads its data key from. */
  keychain: KeytarVault;
  vault: HarnessSecrets;
  simulator: Simulator;
  core: TokenTrayCore;
  /** Provisions an account on the simulator and adds it as a person would: a partner and a connection. */
  connect(
    dialect: SimDialect,
    options?: ProvisionOptions,
    overrides?: Partial<ConnectionInput>,
  ): Promise<{ provisioned: Provisioned; connection: Connection }>;
  /** A new core on the same profile and keychain, as after a restart; `listener` hears it from start-up on. */
  restart(listener?: (event: CoreEvent) => void): Promise<TokenTrayCore>;
  close(): Promise<void>;
}

/**
 * The real parts, wired as the app wires them: conf on a temp profile, keytar on
 * the test session's gnome-keyring (a service name of its own), the partner
 * simulator on loopback. Only time may be faked.
 */
export async function startCoreHarness(options: CoreHarnessOptions = {}): Promise<CoreHarness> {
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'tokentray-test-')));
  const keychain = new KeytarVault({ service: `TokenTray-test-${randomUUID()}` });
  // With a fake clock, the simulator and the HTTP client read the same time as the core.
  const clock = options.clock;
  const now = clock ? () => clock.now() : undefined;
  const simulator = await startSimulator({ now: options.partnerNow ?? now });
  const open = () =>
    new TokenTrayCore({
      store: openConfStore({ directory }),
      keychain: options.wrapKeychain ? options.wrapKeychain(keychain) : keychain,
      clock,
      http: options.http ?? new AxiosHttpClient({ now }),
      random: () => 0.5,
      storageRetryMs: options.storageRetryMs,
      signIn: options.signIn,
    });
  let core = open();
  if (options.start !== false) await core.start();
  const vault: HarnessSecrets = {
    get: (id, kind) => harness.core.secrets.get(id, kind),
    async set(id, kind, secret) {
      await harness.core.secrets.set(id, kind, secret);
      await harness.core.idle();
    },
    async delete(id, kind) {
      await harness.core.secrets.delete(id, kind);
      await harness.core.idle();
    },
    async deleteAll(id) {
      await harness.core.secrets.deleteAll(id);
      await harness.core.idle();
    },
    probe: () => harness.core.secrets.probe(),
    listAccounts: () => Promise.resolve(harness.core.secrets.storedPlaces()),
  };
  const harness: CoreHarness = {
    directory,
    keychain,
    vault,
    simulator,
    core,
    async connect(dialect, provisionOptions, overrides) {
      const provisioned = simulator.provision(dialect, provisionOptions);
      const partner = core.admin.addPartner({
        name: `Partner ${dialect}`,
        contactEmail: 'ops@partner.example',
      });
      const { input, secrets } = connectionFor(provisioned, partner.id, overrides);
      const connection = await core.admin.addConnection(input, secrets);
      return { provisioned, connection };
    },
    async restart(listener) {
      await core.stop();
      core = open();
      if (listener) core.subscribe(listener);
      harness.core = core;
      await core.start();
      return core;
    },
    async close() {
      await core.stop();
      await simulator.close();
      for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
      await keychain.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
  return harness;
}
