import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateWorkspace } from '../../../main/core/workspace/schema-migrations';
import { WorkspaceSession } from '../../../main/core/workspace/workspace-session';
import { startPostgres, withDatabase, type TestPostgres } from '../../support/postgres';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.remove());

/** A session as an instance holds it, with what it reports. */
function openSession(url: string, instance: string) {
  const connections: Array<number | null> = [];
  const epochs: Array<[string, number]> = [];
  const session = new WorkspaceSession({
    config: { connectionString: url, application_name: instance },
    instance,
    label: 'test',
    onChanges: () => undefined,
    onConnection: (connectedAt) => connections.push(connectedAt),
    onEpoch: (connectionId, epoch) => epochs.push([connectionId, epoch]),
  });
  return { session, connections, epochs };
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function setUp(): Promise<string> {
  const url = await server.createDatabase();
  await withDatabase(url, (client) => migrateWorkspace(client));
  return url;
}

function terminate(url: string, instance: string): Promise<unknown> {
  return withDatabase(url, (client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      instance,
    ]),
  );
}

function epochOf(url: string, connectionId: string): Promise<number> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ epoch: string }>(
      'SELECT epoch FROM leases WHERE connection_id = $1',
      [connectionId],
    );
    return Number(rows[0]!.epoch);
  });
}

describe('renewal locks of a workspace session that reconnects', () => {
  it('are not taken back when another instance took the connection and raised its epoch meanwhile', async () => {
    const url = await setUp();
    const first = openSession(url, 'first');
    const second = openSession(url, 'second');
    await Promise.all([first.session.open(), second.session.open()]);
    try {
      expect(await first.session.tryLockConnection('c1')).toBe(true);
      expect(await first.session.raiseEpoch('c1')).toBe(1);

      await terminate(url, 'first');
      await until('the lock to be free', () => second.session.tryLockConnection('c1'));
      expect(await second.session.raiseEpoch('c1')).toBe(2);
      await second.session.unlockConnection('c1');

      await until(
        'the first session to reconnect',
        () => first.connections.at(-1) !== null && first.connections.length >= 3,
      );
      // Its lock is not taken back, and no epoch is handed to its renewal: its writes stay refused.
      expect(first.epochs).toEqual([]);
      expect(await second.session.tryLockConnection('c1')).toBe(true);
      expect(await epochOf(url, 'c1')).toBe(2);
    } finally {
      await Promise.all([first.session.close(), second.session.close()]);
    }
  });

  it('are taken back with a new epoch when nobody took the connection meanwhile', async () => {
    const url = await setUp();
    const first = openSession(url, 'first');
    const second = openSession(url, 'second');
    await Promise.all([first.session.open(), second.session.open()]);
    try {
      expect(await first.session.tryLockConnection('c2')).toBe(true);
      expect(await first.session.raiseEpoch('c2')).toBe(1);

      await terminate(url, 'first');
      await until(
        'the first session to reconnect',
        () => first.connections.at(-1) !== null && first.connections.length >= 3,
      );
      expect(first.epochs).toEqual([['c2', 2]]);
      expect(await epochOf(url, 'c2')).toBe(2);
      expect(await second.session.tryLockConnection('c2')).toBe(false);
    } finally {
      await Promise.all([first.session.close(), second.session.close()]);
    }
  });
});
