import { randomUUID } from 'node:crypto';
import { TokenTrayCore } from '../../../main/core/app';
import { AxiosHttpClient } from '../../../main/core/http/axios-http-client';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { Workspace } from '../../../main/core/workspace/open-workspace';
import type { Simulator } from '../../simulator/simulator';
import { connectionFor } from '../../support/connection-for';
import type { TestPostgres } from '../../support/postgres';
import { withDatabase } from '../../support/postgres';
import { WorkspaceChild } from './workspace-child-process';

export interface FleetConnection {
  id: string;
  /** The simulator's account. */
  key: string;
}

export interface Fleet {
  url: string;
  /** One keychain service on the test's keychain session: every member's keychain holds the workspace key. */
  service: string;
  connections: FleetConnection[];
}

/** One renewal as the workspace's history records it. */
export interface RecordedRenewal {
  connectionId: string;
  member: string;
  at: number;
}

/**
 * A workspace with `count` oauth2 connections (ten to a partner), added through a real core as a
 * person would, against a simulator that rotates every refresh token and revokes the whole
 * family when a rotated one comes back. Renewed every `lifetimeSec * 2/3`, give or take a second.
 */
export async function createFleet(
  server: TestPostgres,
  simulator: Simulator,
  options: { count: number; lifetimeSec: number; graceWindowMs: number },
): Promise<Fleet> {
  const url = await server.createDatabase();
  const service = `TokenTray-workspace-${randomUUID()}`;
  const core = await openAdmin(url, service);
  // Nothing renews while the connections go in; the members' instances start with renewals on.
  core.updateSettings({ renewalsPaused: true });
  const connections: FleetConnection[] = [];
  let partnerId = '';
  for (let i = 0; i < options.count; i += 1) {
    if (i % 10 === 0) {
      partnerId = core.admin.addPartner({
        name: `Partner ${i / 10 + 1}`,
        contactEmail: 'ops@partner.example',
      }).id;
    }
    const provisioned = simulator.provision('oauth2', {
      rotate: true,
      accessLifetimeSec: options.lifetimeSec,
      graceWindowMs: options.graceWindowMs,
    });
    const { input, secrets } = connectionFor(provisioned, partnerId, {
      policy: { leadTimeMs: 1_000, jitterMs: 1_000 },
    });
    const connection = await core.admin.addConnection(input, secrets);
    connections.push({ id: connection.id, key: provisioned.key });
  }
  core.updateSettings({ renewalsPaused: false });
  await core.saved();
  await core.stop();
  return { url, service, connections };
}

/** A member's instance in this process, for setting up and for reading what the others did. */
export async function openAdmin(url: string, service: string): Promise<TokenTrayCore> {
  const workspace = await Workspace.open({ url, member: 'Admin' });
  const core = new TokenTrayCore({
    workspace,
    keychain: new KeytarVault({ service }),
    http: new AxiosHttpClient(),
  });
  await core.start();
  return core;
}

/** Every renewal the workspace's history holds, oldest first. */
export async function recordedRenewals(url: string): Promise<RecordedRenewal[]> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ connection_id: string; member: string; at: string }>(
      `SELECT entry->>'connectionId' AS connection_id, member, entry->>'at' AS at
       FROM history WHERE entry->>'action' = 'renewed' ORDER BY seq`,
    );
    return rows.map((row) => ({ connectionId: row.connection_id, member: row.member, at: Number(row.at) }));
  });
}

/** A fleet with a member's instance per name, each in its own process (workspace-child-process.ts). */
export interface RunningFleet extends Fleet {
  members: string[];
  children: WorkspaceChild[];
  /** Requests the simulator has had for the fleet's connections so far. */
  requests(): number;
  /** Connections whose family the simulator revoked (a refresh token used twice). */
  revoked(): FleetConnection[];
  /** Stops every instance; then `lost` can read what they left. */
  stop(): Promise<void>;
  /** Connections left without a live refresh token, or needing a person (read by an instance of this process). */
  lost(): Promise<string[]>;
}

/** `createFleet`, then one instance per member started on it. */
export async function startWorkspaceFleet(
  server: TestPostgres,
  simulator: Simulator,
  options: { count: number; lifetimeSec: number; graceWindowMs: number; members?: string[] },
): Promise<RunningFleet> {
  const fleet = await createFleet(server, simulator, options);
  const members = options.members ?? ['Ada', 'Grace', 'Linus'];
  const children = await Promise.all(members.map((m) => WorkspaceChild.start(fleet.url, fleet.service, m)));
  return {
    ...fleet,
    members,
    children,
    requests: () => fleet.connections.reduce((sum, c) => sum + simulator.requestCount(c.key), 0),
    revoked: () => fleet.connections.filter((c) => simulator.familyRevoked(c.key)),
    stop: async () => {
      await Promise.all(children.map((child) => child.stop()));
    },
    lost: async () => {
      const admin = await openAdmin(fleet.url, fleet.service);
      try {
        const phases = new Map(
          admin
            .snapshot()
            .partners.flatMap((p) => p.connections)
            .map((c) => [c.id, c.phase]),
        );
        const lost: string[] = [];
        for (const connection of fleet.connections) {
          const refreshToken = await admin.secrets.get(connection.id, 'refreshToken');
          const live = refreshToken !== null && simulator.isRefreshTokenLive(refreshToken);
          if (!live || phases.get(connection.id) === 'needsAction') lost.push(connection.id);
        }
        return lost;
      } finally {
        await admin.stop();
      }
    },
  };
}
