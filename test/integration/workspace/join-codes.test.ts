import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import type { EpochMs } from '../../../main/core/domain';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { JOIN_CODE_LIFETIME_MS } from '../../../main/core/workspace/join-code';
import type { WorkspaceOptions } from '../../../main/core/workspace/open-workspace';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import { startPostgres, type TestPostgres, withDatabase } from '../../support/postgres';
import { startWorkspaceInstance } from './workspace-instance';

let server: TestPostgres;
let simulator: Simulator;
const savedPgPassword = process.env.PGPASSWORD;
beforeAll(async () => {
  // The password must come from the URL or the keychain here, never from the environment.
  delete process.env.PGPASSWORD;
  [server, simulator] = await Promise.all([startPostgres(), startSimulator()]);
}, 60_000);
afterAll(async () => {
  if (savedPgPassword !== undefined) process.env.PGPASSWORD = savedPgPassword;
  await simulator?.close();
  server?.remove();
});

/** Everything a test opened, closed after it whatever happened. */
const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
});

/** A member's own keychain: a service of its own in the test's keychain session. */
function keychainOf(): KeytarVault {
  const vault = new KeytarVault({ service: `TokenTray-join-${randomUUID()}` });
  opened.push(() => vault.close());
  return vault;
}

async function startMember(
  url: string,
  keychain: KeytarVault,
  member: string,
  options: Partial<WorkspaceOptions> = {},
): Promise<TokenTrayCore> {
  const { core } = await startWorkspaceInstance({ url, member, keychain, ...options }, { keychain });
  opened.push(() => core.stop());
  return core;
}

/** Opens the workspace with a join code and closes it again: the key stays in `keychain`. */
async function join(url: string, keychain: KeytarVault, member: string, code: string, now?: () => EpochMs) {
  const workspace = await Workspace.open({ url, member, keychain, joinCode: code, ...(now ? { now } : {}) });
  await workspace.close();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  return withDatabase(url, async (client) => {
    return (await client.query<T>(sql)).rows;
  });
}

/** Every row of every table of the workspace, as text. */
async function databaseText(url: string): Promise<string> {
  const tables = await query<{ tablename: string }>(
    url,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
  );
  const texts: string[] = [];
  for (const { tablename } of tables) {
    const rows = await query<{ row: string }>(url, `SELECT t::text AS row FROM "${tablename}" t`);
    texts.push(...rows.map((r) => r.row));
  }
  return texts.join('\n');
}

async function workspaceKeyIn(url: string, keychain: KeytarVault): Promise<string | null> {
  const [sealing] = await query<{ id: string }>(url, "SELECT record->>'profileId' AS id FROM sealing");
  return keychain.readItem(dataKeyAccount(sealing!.id, 1));
}

/** The code with one character of its secret changed. */
function altered(code: string): string {
  const last = code.at(-1) === 'A' ? 'B' : 'A';
  return code.slice(0, -1) + last;
}

describe('joining a workspace with a one-time code', () => {
  it('lets a second member join with a code and renew a connection the first member added, filed under their name', async () => {
    const url = await server.createDatabase();
    const adaKeychain = keychainOf();
    const ada = await startMember(url, adaKeychain, 'Ada');
    const provisioned = simulator.provision('oauth2', { rotate: true });
    const partner = ada.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id);
    const connection = await ada.admin.addConnection(input, secrets);
    const { code, expiresAt } = await ada.createJoinCode();
    expect(expiresAt - ada.now()).toBeLessThanOrEqual(JOIN_CODE_LIFETIME_MS);

    const graceKeychain = keychainOf();
    const grace = await startMember(url, graceKeychain, 'Grace', { joinCode: code });
    expect(grace.secretsLock()).toBeNull();
    expect(await workspaceKeyIn(url, graceKeychain)).toBe(await workspaceKeyIn(url, adaKeychain));
    const renewed = await grace.renewNow(connection.id);
    expect(renewed.kind).toBe('renewed');
    expect(simulator.requestCount(provisioned.key)).toBe(1);
    expect(simulator.familyRevoked(provisioned.key)).toBe(false);
    await grace.tokens.revealToken(connection.id, 'copied');

    const history = grace.history({ connectionId: connection.id });
    expect(history.filter((e) => e.action === 'renewed').map((e) => e.member)).toEqual(['Grace']);
    expect(history.filter((e) => e.action === 'copied').map((e) => e.member)).toEqual(['Grace']);
    expect(history.filter((e) => e.action === 'connectionAdded').map((e) => e.member)).toEqual(['Ada']);
    expect(
      grace
        .history()
        .filter((e) => e.action === 'memberJoined')
        .map((e) => e.member),
    ).toEqual(['Grace']);
    expect(
      ada
        .history()
        .filter((e) => e.action === 'joinCodeMade')
        .map((e) => e.member),
    ).toEqual(['Ada']);
    expect(JSON.stringify(ada.history())).not.toContain(code.split('.')[2]);
    await expect(ada.rotateDataKey()).rejects.toMatchObject({ code: 'workspace_key_shared' });
    const members = await query<{ display_name: string; joined_at: Date }>(
      url,
      'SELECT display_name, joined_at FROM members ORDER BY display_name',
    );
    expect(members.map((m) => m.display_name)).toEqual(['Ada', 'Grace']);
    expect(members.every((m) => m.joined_at instanceof Date)).toBe(true);
  }, 60_000);

  it('leaves a member without a code locked: the workspace key is only in the keychains it was given to', async () => {
    const url = await server.createDatabase();
    await startMember(url, keychainOf(), 'Ada');
    const stranger = await startMember(url, keychainOf(), 'Mallory');
    expect(stranger.secretsLock()?.reason).toBe('key_missing');
  }, 60_000);

  it('refuses a code used a second time, even by two people at once, and keeps the key from the second', async () => {
    const url = await server.createDatabase();
    const ada = await startMember(url, keychainOf(), 'Ada');
    const { code } = await ada.createJoinCode();
    const [grace, linus] = [keychainOf(), keychainOf()];
    const results = await Promise.allSettled([
      join(url, grace, 'Grace', code),
      join(url, linus, 'Linus', code),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: 'join_code_used',
      message: expect.stringMatching(/already been used/),
    });
    const keys = [await workspaceKeyIn(url, grace), await workspaceKeyIn(url, linus)];
    expect(keys.filter((key) => key !== null)).toHaveLength(1);

    await expect(join(url, keychainOf(), 'Alan', code)).rejects.toMatchObject({ code: 'join_code_used' });
  }, 60_000);

  it('refuses a code past its expiry on the joining clock, and keeps no wrapped key for it afterwards', async () => {
    const url = await server.createDatabase();
    let now = Date.now();
    const ada = await startMember(url, keychainOf(), 'Ada', { now: () => now });
    const { code, expiresAt } = await ada.createJoinCode();
    const late = keychainOf();
    await expect(join(url, late, 'Grace', code, () => expiresAt)).rejects.toMatchObject({
      code: 'join_code_expired',
      message: 'This join code has expired.',
    });
    expect(await workspaceKeyIn(url, late)).toBeNull();

    now = expiresAt + 1;
    await ada.createJoinCode();
    const rows = await query<{ wrapped: string; expires_at: string }>(
      url,
      'SELECT wrapped, expires_at FROM join_codes',
    );
    expect(rows.filter((row) => Number(row.expires_at) <= now).map((row) => row.wrapped)).toEqual(['']);
  }, 60_000);

  it('refuses an altered code, or a code whose expiry was lengthened in the database, and the real code still works', async () => {
    const url = await server.createDatabase();
    const ada = await startMember(url, keychainOf(), 'Ada');
    const { code } = await ada.createJoinCode();
    const keychain = keychainOf();
    for (const wrong of [
      altered(code),
      code.replace(/^tj1\.(.)/, (_, c: string) => `tj1.${c === 'a' ? 'b' : 'a'}`),
      'tj1.x',
      '',
    ]) {
      await expect(join(url, keychain, 'Grace', wrong)).rejects.toMatchObject({
        code: 'join_code_invalid',
        message: expect.stringMatching(/not one this workspace made, or it was changed/),
      });
    }
    await query(url, 'UPDATE join_codes SET expires_at = expires_at + 86400000');
    await expect(join(url, keychain, 'Grace', code)).rejects.toMatchObject({ code: 'join_code_invalid' });
    expect(await workspaceKeyIn(url, keychain)).toBeNull();

    await query(url, 'UPDATE join_codes SET expires_at = expires_at - 86400000');
    await join(url, keychain, 'Grace', code);
    expect(await workspaceKeyIn(url, keychain)).not.toBeNull();
  }, 60_000);

  it('keeps the database password in the keychain, so the next start needs it neither in the URL nor in PGPASSWORD', async () => {
    const url = await server.createDatabase();
    const ada = await startMember(url, keychainOf(), 'Ada');
    const { code } = await ada.createJoinCode();
    const keychain = keychainOf();
    await join(url, keychain, 'Grace', code);
    const withoutPassword = new URL(url);
    withoutPassword.password = '';
    const grace = await startMember(withoutPassword.toString(), keychain, 'Grace');
    expect(grace.secretsLock()).toBeNull();
    await expect(
      Workspace.open({ url: withoutPassword.toString(), member: 'Alan', keychain: keychainOf() }),
    ).rejects.toBeDefined();
  }, 60_000);

  it('puts neither the workspace key nor a join code in clear in the database or its log', async () => {
    const url = await server.createDatabase();
    const adaKeychain = keychainOf();
    const ada = await startMember(url, adaKeychain, 'Ada');
    const used = await ada.createJoinCode();
    const unused = await ada.createJoinCode();
    await join(url, keychainOf(), 'Grace', used.code);
    await expect(join(url, keychainOf(), 'Alan', altered(unused.code))).rejects.toMatchObject({
      code: 'join_code_invalid',
    });
    const key = (await workspaceKeyIn(url, adaKeychain))!;
    const scanned = `${await databaseText(url)}\n${server.logText()}`;
    const secrets = [used.code, unused.code].map((code) => code.split('.')[2]!);

    expect(scanned).toMatch(/join_codes|Grace/);
    expect(scanned.includes(key)).toBe(false);
    expect(scanned.includes(Buffer.from(key, 'base64').toString('hex'))).toBe(false);
    expect(scanned.includes(Buffer.from(key, 'base64').toString('base64url'))).toBe(false);
    expect(secrets.filter((secret) => scanned.includes(secret))).toEqual([]);
    expect(scanned.includes(server.password)).toBe(false);
  }, 60_000);
});
