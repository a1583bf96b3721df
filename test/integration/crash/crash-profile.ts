import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenTrayCore } from '../../../main/core/app';
import type { ConnectionInput } from '../../../main/core/domain';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { SimDialect, Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import type { SecretsOnDisk } from '../../support/secrets-on-disk';
import { secretsOnDisk } from '../../support/secrets-on-disk';

/** The connections the crash test renews: every rotating dialect first, then the second way of two of them. */
export const CRASH_CONNECTIONS: Array<{ dialect: SimDialect; settings?: ConnectionInput['settings'] }> = [
  { dialect: 'oauth2' },
  { dialect: 'partner-header' },
  { dialect: 'bearer-rotation' },
  { dialect: 'oauth-tokens-envelope' },
  { dialect: 'oauth2', settings: { authMethod: 'body' } },
  { dialect: 'oauth-tokens-envelope', settings: { bodyShape: 'wrapped' } },
];

export interface CrashConnection {
  id: string;
  dialect: SimDialect;
  /** The simulator's account for it. */
  key: string;
}

export interface CrashProfile {
  directory: string;
  /** A keychain service of its own, on the test session's gnome-keyring. */
  service: string;
  /** The secrets as a crash left them: sealed in the profile, opened with the keychain's data key. */
  vault: SecretsOnDisk;
  simulator: Simulator;
  connections: CrashConnection[];
  close(): Promise<void>;
}

/**
 * A profile with one partner per connection, added through the real core as a person would, against
 * a simulator that rotates every refresh token and revokes the whole family when a rotated one comes back.
 */
export async function createCrashProfile(options: {
  graceWindowMs: number;
  connections?: number;
  /** The profile folder (on a small disk, say); a new temporary folder unless given. */
  directory?: string;
}): Promise<CrashProfile> {
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'tokentray-crash-')));
  const service = `TokenTray-crash-${randomUUID()}`;
  const keychain = new KeytarVault({ service });
  const simulator = await startSimulator();
  const core = new TokenTrayCore({
    store: openConfStore({ directory }),
    keychain,
    http: new AxiosHttpClient(),
  });
  await core.start();
  const connections: CrashConnection[] = [];
  for (const { dialect, settings } of CRASH_CONNECTIONS.slice(0, options.connections)) {
    const provisioned = simulator.provision(dialect, { rotate: true, graceWindowMs: options.graceWindowMs });
    const partner = core.admin.addPartner({
      name: `Partner ${connections.length + 1}`,
      contactEmail: 'ops@partner.example',
    });
    const { input, secrets } = connectionFor(provisioned, partner.id, settings ? { settings } : {});
    const connection = await core.admin.addConnection(input, secrets);
    connections.push({ id: connection.id, dialect, key: provisioned.key });
  }
  await core.stop();
  return {
    directory,
    service,
    vault: secretsOnDisk(directory, keychain),
    simulator,
    connections,
    async close() {
      await simulator.close();
      for (const account of await keychain.listAccounts()) await keychain.deleteItem(account);
      await keychain.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
