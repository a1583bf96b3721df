import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataKeyAccount } from '../../../main/core/vault/data-key';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { Simulator } from '../../simulator/simulator';
import { startSimulator } from '../../simulator/simulator';
import { startPostgres, type TestPostgres, withDatabase } from '../../support/postgres';
import { createFleet, openAdmin } from './workspace-fleet';

let server: TestPostgres;
let simulator: Simulator;
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tokentray-scan-'));
  [server, simulator] = await Promise.all([
    startPostgres(),
    startSimulator({ recordSecretsTo: join(folder, 'issued-secrets') }),
  ]);
}, 60_000);
afterAll(async () => {
  await simulator?.close();
  server?.remove();
  rmSync(folder, { recursive: true, force: true });
});

/** Every row of every table of the workspace, as text. */
async function databaseText(url: string): Promise<string> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const texts: string[] = [];
    for (const { tablename } of rows) {
      const dump = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${client.escapeIdentifier(tablename)} t`,
      );
      texts.push(...dump.rows.map((r) => r.row));
    }
    return texts.join('\n');
  });
}

describe('a workspace scanned for secrets', () => {
  it('holds only sealed secrets: no issued token, client secret or workspace key in the database or its log', async () => {
    const fleet = await createFleet(server, simulator, { count: 5, lifetimeSec: 3600, graceWindowMs: 0 });
    const admin = await openAdmin(fleet.url, fleet.service);
    try {
      for (const connection of fleet.connections) await admin.renewNow(connection.id);
      await admin.idle();
    } finally {
      await admin.stop();
    }
    const text = await databaseText(fleet.url);
    const client = new pg.Client({ connectionString: fleet.url });
    await client.connect();
    const sealing = await client.query<{ id: string }>("SELECT record->>'profileId' AS id FROM sealing");
    await client.end();
    const profileId = sealing.rows[0]!.id;
    const workspaceKey = await new KeytarVault({ service: fleet.service }).readItem(
      dataKeyAccount(profileId, 1),
    );
    const issued = readFileSync(join(folder, 'issued-secrets'), 'utf8').split('\n').filter(Boolean);
    const scanned = `${text}\n${server.logText()}`;

    expect(workspaceKey).not.toBeNull();
    expect(issued.length).toBeGreaterThan(10);
    expect(text).toMatch(/refreshToken/);
    expect(issued.filter((secret) => scanned.includes(secret))).toEqual([]);
    expect(scanned.includes(workspaceKey!)).toBe(false);
  }, 120_000);
});
