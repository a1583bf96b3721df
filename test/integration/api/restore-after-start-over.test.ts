import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../main/core/domain';
import type { SecretKind } from '../../../main/core/domain/secret-kinds';
import { SIM_DIALECTS } from '../../simulator/simulator';
import type { Provisioned } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { startCoreHarness } from '../../support/core-harness';
import type { CoreHarness } from '../../support/core-harness';
import { profileText } from '../../support/profile-on-disk';
import { apiClient } from './api-client';
import type { ApiClient } from './api-client';

const PASSPHRASE = 'before the keychain reset: correct horse';
const KINDS = ['clientSecret', 'refreshToken', 'accessToken', 'partnerToken'] as const satisfies SecretKind[];

/** Every connection of a snapshot, the window's list or the core's own. */
const connectionsOf = <C>(snapshot: { partners: Array<{ connections: C[] }> }): C[] =>
  snapshot.partners.flatMap((p) => p.connections);

let harness: CoreHarness;
let api: ApiClient;
/** Each connection's secrets when the backup was made, by label. */
const held = new Map<string, Partial<Record<SecretKind, string>>>();
const accounts = new Map<string, Provisioned>();
const connections = new Map<string, Connection>();
let backup: string;
let plainExport: string;

beforeAll(async () => {
  harness = await startCoreHarness();
  for (const dialect of SIM_DIALECTS) {
    const { connection, provisioned } = await harness.connect(dialect);
    accounts.set(connection.label, provisioned);
    connections.set(connection.label, connection);
    const secrets: Partial<Record<SecretKind, string>> = {};
    for (const kind of KINDS) {
      const value = await harness.vault.get(connection.id, kind);
      if (value !== null) secrets[kind] = value;
    }
    held.set(connection.label, secrets);
  }
  api = apiClient(harness.core);
  backup = (await api.call('exportBackup', PASSPHRASE)).contents;
  plainExport = (await api.call('exportData')).contents;

  // The data key leaves the keychain (a keychain reset): the profile opens locked, and the person starts over.
  await harness.core.stop();
  for (const account of await harness.keychain.listAccounts()) await harness.keychain.deleteItem(account);
  const core = await harness.restart();
  expect(core.secretsLock()?.reason).toBe('key_missing');
  api = apiClient(core);
  await api.call('startOver');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function secretsOf(connectionId: string): Promise<Partial<Record<SecretKind, string>>> {
  const secrets: Partial<Record<SecretKind, string>> = {};
  for (const kind of KINDS) {
    const value = await harness.vault.get(connectionId, kind);
    if (value !== null) secrets[kind] = value;
  }
  return secrets;
}

describe('restoring a backup after starting over', () => {
  it('a plain export imported after starting over restores nothing: each connection is skipped and still needs its credentials', async () => {
    const result = await api.call('importData', plainExport);

    expect(result).toMatchObject({ connectionsAdded: 0, connectionsRestored: 0, needCredentials: 0 });
    expect(result.skipped).toHaveLength(SIM_DIALECTS.length);
    expect(
      result.skipped.every((skip) => /already has a connection named "[^"]+"\.$/.test(skip.reason)),
    ).toBe(true);
    const views = connectionsOf(await api.call('getSnapshot'));
    expect(views.map((view) => view.status)).toEqual(SIM_DIALECTS.map(() => 'needsAction'));
    expect(await harness.vault.listAccounts()).toEqual([]);
  });

  it('gives each connection without secrets its secrets back, and each renews and is healthy; one with its own secrets and one of another kind by the same name keep theirs', async () => {
    const core = harness.core;
    const byLabel = (label: string) => connectionsOf(core.snapshot()).find((view) => view.label === label)!;
    // One connection got its credentials again by hand before the backup was found: they stay.
    const entered = byLabel('oauth2 connection');
    const account = accounts.get('oauth2 connection')!;
    await core.admin.updateConnection(entered.id, connections.get('oauth2 connection')!, {
      clientSecret: account.clientSecret,
      refreshToken: account.refreshToken,
    });
    const enteredSecrets = await secretsOf(entered.id);
    // Another was replaced by a connection of another dialect under the same name, not yet given credentials.
    const replaced = byLabel('partner-header connection');
    await core.admin.removeConnection(replaced.id);
    const other = harness.simulator.provision('bearer-rotation');
    const otherInput = connectionFor(other, 'file-partner', { label: 'partner-header connection' }).input;
    await api.call(
      'importData',
      JSON.stringify({
        format: 'tokentray-export',
        version: 1,
        exportedAt: new Date().toISOString(),
        partners: [{ id: 'file-partner', name: 'Partner partner-header' }],
        connections: [{ ...otherInput, id: 'file-connection' }],
      }),
    );
    const otherKind = byLabel('partner-header connection');
    expect(otherKind.dialect).toBe('bearer-rotation');

    const result = await api.call('importBackup', backup, PASSPHRASE);

    expect(result).toMatchObject({
      partnersAdded: 0,
      connectionsAdded: 0,
      connectionsRestored: 3,
      needCredentials: 0,
    });
    expect(result.skipped).toEqual([
      {
        item: 'Connection 1 "oauth2 connection"',
        reason:
          'Partner oauth2 already has a connection named "oauth2 connection"; it has secrets of its own, which are kept.',
      },
      {
        item: 'Connection 3 "partner-header connection"',
        reason:
          'Partner partner-header already has a connection named "partner-header connection"; it is of another kind, so the backup’s secrets are not for it.',
      },
    ]);
    // Nothing doubled.
    const views = connectionsOf(await api.call('getSnapshot'));
    expect(views.map((view) => view.label).sort()).toEqual(SIM_DIALECTS.map((d) => `${d} connection`).sort());
    expect(await secretsOf(entered.id)).toEqual(enteredSecrets);
    expect(await secretsOf(otherKind.id)).toEqual({});
    expect(byLabel('partner-header connection').status).toBe('needsAction');

    const restored = ['oauth-tokens-envelope connection', 'bearer-rotation connection', 'manual connection'];
    for (const label of restored) {
      const view = byLabel(label);
      expect(await secretsOf(view.id), label).toEqual(held.get(label));
      expect(view.followUp, label).toBeNull();
      // The backup's token records came with its secrets: the token in use is the one the backup holds.
      expect(view.token?.fingerprint, label).toBeDefined();
    }
    // Sealed under the new key in the profile: no secret in clear.
    const onDisk = profileText(harness.directory);
    const secrets = [...held.values()].flatMap((s) => Object.values(s));
    expect(secrets.filter((secret) => onDisk.includes(secret))).toEqual([]);
    // One history line says what the file did.
    expect(
      core
        .history()
        .map((entry) => entry.message)
        .join('\n'),
    ).toMatch(/restored the secrets of 3 connection\(s\) already here; 2 item\(s\) skipped/);

    // They renew against the partner with the backup's secrets, and end healthy.
    for (const label of restored.filter((l) => l !== 'manual connection')) {
      const before = harness.simulator.requestCount(accounts.get(label)!.key);
      expect((await api.call('renewNow', byLabel(label).id)).kind, label).toBe('renewed');
      expect(harness.simulator.requestCount(accounts.get(label)!.key), label).toBeGreaterThan(before);
    }
    expect((await api.call('renewNow', entered.id)).kind).toBe('renewed');
    await core.idle();
    const statuses = Object.fromEntries(connectionsOf(core.snapshot()).map((v) => [v.label, v.status]));
    expect(statuses).toEqual({
      'oauth2 connection': 'healthy',
      'oauth-tokens-envelope connection': 'healthy',
      'partner-header connection': 'needsAction',
      'bearer-rotation connection': 'healthy',
      'manual connection': 'healthy',
    });

    // On disk: after a restart they are still there, and the same file again restores nothing twice.
    const restarted = await harness.restart();
    api = apiClient(restarted);
    const again = await api.call('importBackup', backup, PASSPHRASE);
    expect(again).toMatchObject({ connectionsAdded: 0, connectionsRestored: 0 });
    expect(again.skipped).toHaveLength(SIM_DIALECTS.length);
    expect(connectionsOf(restarted.snapshot()).filter((v) => v.status === 'healthy')).toHaveLength(4);
  });
});
