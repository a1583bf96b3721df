import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { WorkspaceOptions } from '../../../main/core/workspace/open-workspace';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import { migrateWorkspace, WORKSPACE_MIGRATIONS } from '../../../main/core/workspace/schema-migrations';
import { connectionFor } from '../../support/connection-for';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';

const env = useWorkspaceServers();

/** Everything a test opened, closed after it whatever happened. */
const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
});

/** A member's own keychain: a service of its own in the test's keychain session. */
function keychainOf(): KeytarVault {
  const vault = new KeytarVault({ service: `TokenTray-member-${randomUUID()}` });
  opened.push(() => vault.close());
  return vault;
}

interface Member {
  core: TokenTrayCore;
  workspace: Workspace;
  stop(): Promise<void>;
}

async function startMember(
  url: string,
  keychain: KeytarVault,
  member: string,
  options: Partial<WorkspaceOptions> = {},
): Promise<Member> {
  const { core, workspace } = await startWorkspaceInstance(
    { url, member, keychain, ...options },
    { keychain },
  );
  const stop = () => core.stop();
  opened.push(stop);
  return { core, workspace, stop };
}

/** A workspace at the schema before `version`, with what `fill` writes in it. */
async function workspaceBefore(url: string, version: number, fill: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE schema_versions (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const step of WORKSPACE_MIGRATIONS.filter((each) => each.version < version)) {
      await client.query(step.sql);
      await client.query('INSERT INTO schema_versions (version) VALUES ($1)', [step.version]);
    }
    await fill(client);
  } finally {
    await client.end();
  }
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("a workspace's members, known by an id that outlasts their display name", () => {
  it('tells two members with the same display name apart in the history, and a rename keeps the old lines theirs', async () => {
    const url = await env.server.createDatabase();
    const first = await startMember(url, keychainOf(), 'Ada');
    const provisioned = env.simulator.provision('oauth2', { rotate: true });
    const partner = first.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id);
    const connection = await first.core.admin.addConnection(input, secrets);
    expect((await first.core.renewNow(connection.id)).kind).toBe('renewed');
    const { code } = await first.core.createJoinCode();

    const secondKeychain = keychainOf();
    const second = await startMember(url, secondKeychain, 'Ada', { joinCode: code });
    expect(second.workspace.identity.id).not.toBe(first.workspace.identity.id);
    expect((await second.core.renewNow(connection.id)).kind).toBe('renewed');
    await first.workspace.catchUp();

    const renewals = async (core: TokenTrayCore) =>
      (await core.namedHistory({ connectionId: connection.id })).filter(
        (entry) => entry.action === 'renewed',
      );
    // Newest first: the second Ada's renewal, then the first's; each named apart from the other.
    const [bySecond, byFirst] = await renewals(first.core);
    expect(bySecond?.memberId).toBe(second.workspace.identity.id);
    expect(byFirst?.memberId).toBe(first.workspace.identity.id);
    expect(bySecond?.member).toBe(`Ada (${second.workspace.identity.id.slice(0, 8)})`);
    expect(byFirst?.member).toBe(`Ada (${first.workspace.identity.id.slice(0, 8)})`);
    expect(await renewals(second.core)).toEqual(await renewals(first.core));
    expect(await query(url, 'SELECT count(*)::int AS n FROM members')).toEqual([{ n: 2 }]);

    // The second Ada renames herself: her next start keeps her id (from her keychain), and her earlier line follows the name.
    await second.stop();
    const renamed = await startMember(url, secondKeychain, 'Ada Lovelace');
    expect(renamed.workspace.identity.id).toBe(second.workspace.identity.id);
    await renamed.core.tokens.revealToken(connection.id, 'copied');
    await renamed.core.saved();
    await first.workspace.catchUp();
    const history = await first.core.namedHistory({ connectionId: connection.id });
    const lines = history
      .filter((entry) => entry.action === 'renewed' || entry.action === 'copied')
      .map((entry) => [entry.action, entry.member, entry.memberId]);
    expect(lines).toEqual([
      ['copied', 'Ada Lovelace', renamed.workspace.identity.id],
      ['renewed', 'Ada Lovelace', renamed.workspace.identity.id],
      ['renewed', 'Ada', first.workspace.identity.id],
    ]);
    // The database files each line under the member's id too; the name written then stays as it was written.
    const rows = await query<{ member: string; member_id: string }>(
      url,
      "SELECT member, member_id FROM history WHERE entry->>'action' IN ('renewed', 'copied') ORDER BY seq",
    );
    expect(rows).toEqual([
      { member: 'Ada', member_id: first.workspace.identity.id },
      { member: 'Ada', member_id: renamed.workspace.identity.id },
      { member: 'Ada Lovelace', member_id: renamed.workspace.identity.id },
    ]);

    // A tool without a keychain goes as the newest member by its name, adding no member.
    const tool = await Workspace.open({ url, member: 'Ada Lovelace' });
    opened.push(() => tool.close());
    expect(tool.identity.id).toBe(renamed.workspace.identity.id);
    expect(await query(url, 'SELECT count(*)::int AS n FROM members')).toEqual([{ n: 2 }]);
  });

  it('keeps the history written before members had ids attributed to the member who starts again under that name', async () => {
    const url = await env.server.createDatabase();
    // A workspace as the version before ids left it: one member row per display name, history filed by name.
    await workspaceBefore(url, 6, async (client) => {
      await client.query("INSERT INTO members (id, display_name) VALUES ('grace-before-ids', 'Grace')");
      const entry = { id: 'old-line', at: 1, action: 'partnerAdded', outcome: 'ok', member: 'Grace' };
      await client.query("INSERT INTO history (id, member, entry) VALUES ('old-line', 'Grace', $1)", [entry]);
    });

    const grace = await startMember(url, keychainOf(), 'Grace');
    expect(grace.workspace.identity.id).toBe('grace-before-ids');
    // A namesake who joins later is someone else: the old row is claimed already.
    const { code } = await grace.core.createJoinCode();
    const other = await startMember(url, keychainOf(), 'Grace', { joinCode: code });
    expect(other.workspace.identity.id).not.toBe('grace-before-ids');

    const old = (await grace.core.namedHistory()).find((entry) => entry.id === 'old-line');
    expect(old?.memberId).toBe('grace-before-ids');
    expect(old?.member).toBe('Grace (grace-be)');
  });
  it('records who made a join code and who used it by member id, so a member who renames stays its maker', async () => {
    const url = await env.server.createDatabase();
    const adaKeychain = keychainOf();
    const ada = await startMember(url, adaKeychain, 'Ada');
    const { code } = await ada.core.createJoinCode();
    const grace = await startMember(url, keychainOf(), 'Grace', { joinCode: code });
    const codes = () =>
      query(url, 'SELECT created_by, created_by_member, used_by, used_by_member FROM join_codes');
    expect(await codes()).toEqual([
      {
        created_by: null,
        created_by_member: ada.workspace.identity.id,
        used_by: null,
        used_by_member: grace.workspace.identity.id,
      },
    ]);

    // Ada starts again as "Ada Lovelace": the same member, so the code is still hers, and the
    // window names her by the name she goes by now.
    await ada.stop();
    const renamed = await startMember(url, adaKeychain, 'Ada Lovelace');
    expect(renamed.workspace.identity.id).toBe(ada.workspace.identity.id);
    expect((await codes())[0]?.created_by_member).toBe(ada.workspace.identity.id);
    await grace.workspace.catchUp();
    const lines = (await grace.core.namedHistory())
      .filter((entry) => entry.action === 'joinCodeMade' || entry.action === 'memberJoined')
      .map((entry) => [entry.action, entry.member, entry.memberId]);
    expect(lines).toEqual([
      ['memberJoined', 'Grace', grace.workspace.identity.id],
      ['joinCodeMade', 'Ada Lovelace', ada.workspace.identity.id],
    ]);
  });

  it('files the join codes made before ids were kept under the ids of the members who made and used them', async () => {
    const url = await env.server.createDatabase();
    await workspaceBefore(url, 8, async (client) => {
      await client.query(
        "INSERT INTO members (id, display_name) VALUES ('ada-id', 'Ada'), ('grace-id', 'Grace')",
      );
      await client.query(
        `INSERT INTO join_codes (id, key_version, wrapped, expires_at, created_by, used_at, used_by)
         VALUES ('0011223344556677', 1, '', 0, 'Ada', now(), 'Grace'), ('8899aabbccddeeff', 1, '', 0, 'Ada', NULL, NULL)`,
      );
    });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrateWorkspace(client);
    } finally {
      await client.end();
    }
    expect(
      await query(
        url,
        'SELECT id, created_by, created_by_member, used_by, used_by_member FROM join_codes ORDER BY id',
      ),
    ).toEqual([
      {
        id: '0011223344556677',
        created_by: 'Ada',
        created_by_member: 'ada-id',
        used_by: 'Grace',
        used_by_member: 'grace-id',
      },
      {
        id: '8899aabbccddeeff',
        created_by: 'Ada',
        created_by_member: 'ada-id',
        used_by: null,
        used_by_member: null,
      },
    ]);
  });
  it("names the members in the history while the database is stopped, by the names it heard last, a member's rename followed live included", async () => {
    const url = await env.server.createDatabase();
    const adaKeychain = keychainOf();
    const ada = await startMember(url, adaKeychain, 'Ada');
    const provisioned = env.simulator.provision('oauth2', { rotate: true });
    const partner = ada.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id);
    const connection = await ada.core.admin.addConnection(input, secrets);
    expect((await ada.core.renewNow(connection.id)).kind).toBe('renewed');
    const { code } = await ada.core.createJoinCode();
    const grace = await startMember(url, keychainOf(), 'Grace', { joinCode: code });

    // Ada starts again as "Ada Lovelace" while Grace runs: Grace follows the rename as a change.
    await ada.stop();
    await startMember(url, adaKeychain, 'Ada Lovelace');
    await grace.workspace.catchUp();
    env.server.stop();
    try {
      const lines = (await grace.core.namedHistory({ connectionId: connection.id }))
        .filter((entry) => entry.action === 'renewed' || entry.action === 'connectionAdded')
        .map((entry) => [entry.action, entry.member]);
      expect(lines).toEqual([
        ['renewed', 'Ada Lovelace'],
        ['connectionAdded', 'Ada Lovelace'],
      ]);
      const joined = (await grace.core.namedHistory()).find((entry) => entry.action === 'memberJoined');
      expect(joined?.member).toBe('Grace');
    } finally {
      env.server.start();
    }
  });
});
