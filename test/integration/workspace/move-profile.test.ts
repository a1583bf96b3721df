import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { openLockedProfile } from '../../../main/core/open-profile';
import { openCatalog } from '../../../main/core/catalog/open-catalog';
import { fingerprint } from '../../../main/core/domain';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import { connectionFor } from '../../support/connection-for';
import { bundledChildScript } from '../crash/crash-child-script';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';
import { withDatabase } from '../../support/postgres';

const CHILD = fileURLToPath(new URL('./fixtures/move-child.ts', import.meta.url));

const env = useWorkspaceServers();
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tokentray-move-'));
  folders.push(folder);
  return folder;
}

const openStore = (directory: string) => openConfStore({ directory });

interface LocalConnection {
  id: string;
  key: string;
  refreshToken: string;
}

/** A local profile with one rotating oauth2 connection, renewed once there (so its refresh token is a rotated one). */
async function localProfile(profileDir: string, service: string): Promise<LocalConnection> {
  const vault = new KeytarVault({ service });
  const { core, lock } = await openLockedProfile({ profileDir, openStore, vault });
  try {
    await core.start();
    const provisioned = env.simulator.provision('oauth2', { rotate: true });
    const partner = core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    const { input, secrets } = connectionFor(provisioned, partner.id);
    const connection = await core.admin.addConnection(input, secrets);
    expect((await core.renewNow(connection.id)).kind).toBe('renewed');
    const refreshToken = (await core.secrets.get(connection.id, 'refreshToken'))!;
    return { id: connection.id, key: provisioned.key, refreshToken };
  } finally {
    await core.stop();
    await lock.release();
    await vault.close();
  }
}

async function workspaceCore(url: string, service: string, member: string): Promise<TokenTrayCore> {
  const keychain = new KeytarVault({ service });
  return (await startWorkspaceInstance({ url, member, keychain }, { workspaceUrl: url, keychain })).core;
}

async function count(url: string, sql: string): Promise<number> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]!.n);
  });
}

/** The move in a child process of its own, killed (SIGKILL) at `crashAt`; resolves with its exit signal. */
async function moveInChild(
  args: string[],
): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const script = await bundledChildScript(CHILD);
  const child = spawn(process.execPath, [script, ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('close', (_code, sig) => resolve(sig)),
  );
  return { signal, stdout, stderr };
}

/** Opens the local profile a move out made, started, for `use`; stops it and lets its lock go after. */
async function withLocalProfile(
  profileDir: string,
  service: string,
  use: (core: TokenTrayCore) => Promise<void>,
): Promise<void> {
  const vault = new KeytarVault({ service });
  const { core, lock } = await openLockedProfile({ profileDir, openStore, vault });
  try {
    await core.start();
    await use(core);
  } finally {
    await core.stop();
    await lock.release();
    await vault.close();
  }
}

async function expectRenewsInWorkspace(url: string, service: string, moved: LocalConnection): Promise<void> {
  const core = await workspaceCore(url, service, 'Ada');
  try {
    // The window knows it is a workspace, and as whom.
    expect(core.snapshot().workspace).toEqual({
      label: `127.0.0.1:${env.server.port}${new URL(url).pathname}`,
      member: 'Ada',
    });
    // The same credentials: nothing re-entered, nothing renewed on the way.
    expect(await core.secrets.get(moved.id, 'refreshToken')).toBe(moved.refreshToken);
    expect((await core.renewNow(moved.id)).kind).toBe('renewed');
    expect(env.simulator.familyRevoked(moved.key)).toBe(false);
  } finally {
    await core.stop();
  }
}

describe('moving a local profile into a workspace', () => {
  it('renews its connections in the workspace with the same credentials, and the old profile refuses to open, saying where they went', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profileDir = newFolder();
    const moved = await localProfile(profileDir, service);

    const vault = new KeytarVault({ service });
    const { core, lock } = await openLockedProfile({ profileDir, openStore, vault });
    await core.start();
    expect(core.snapshot().workspace).toBeNull();
    const stopping = new Promise<string>((resolve) =>
      core.subscribe((event) => {
        if (event.type === 'stopping') resolve(event.note.message);
      }),
    );
    const result = await core.moveIntoWorkspace({ url, member: 'Ada' });
    expect(result).toMatchObject({ partners: 1, connections: 1, member: 'Ada' });
    expect(await stopping).toContain('moved into the workspace');
    await expect(core.renewNow(moved.id)).rejects.toMatchObject({ code: 'profile_moved' });
    await lock.release();
    await vault.close();

    await expectRenewsInWorkspace(url, service, moved);
    expect(await count(url, "SELECT count(*) AS n FROM history WHERE entry->>'action' = 'movedIn'")).toBe(1);

    // Restarted on its own, the old profile renews nothing and says where its connections went.
    const again = new KeytarVault({ service });
    const label = new URL(url).pathname;
    await expect(openLockedProfile({ profileDir, openStore, vault: again })).rejects.toMatchObject({
      code: 'profile_moved',
      message: expect.stringContaining(label),
    });
    await again.close();
    expect(env.simulator.familyRevoked(moved.key)).toBe(false);
  }, 120_000);

  it.each(['noted', 'committed', 'done'])(
    'killed at the step "%s", the move finishes at the next start without loss or duplication',
    async (step) => {
      const url = await env.server.createDatabase();
      const service = `TokenTray-move-${randomUUID()}`;
      const profileDir = newFolder();
      const moved = await localProfile(profileDir, service);

      const killed = await moveInChild(['in', profileDir, url, service, 'Ada', step]);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      // Killed after noting the move: a start on its own renews nothing; it finishes the move and says so.
      const vault = new KeytarVault({ service });
      await expect(openLockedProfile({ profileDir, openStore, vault })).rejects.toMatchObject({
        code: 'profile_moved',
        message: expect.stringContaining('moved into the workspace'),
      });
      await vault.close();

      expect(await count(url, "SELECT count(*) AS n FROM history WHERE entry->>'action' = 'movedIn'")).toBe(
        1,
      );
      expect(await count(url, 'SELECT count(*) AS n FROM connections')).toBe(1);
      expect(await count(url, 'SELECT count(*) AS n FROM secrets')).toBeGreaterThan(0);
      await expectRenewsInWorkspace(url, service, moved);
    },
    120_000,
  );
});

describe('a renewal cut off before the move', () => {
  it('is carried over with its in-flight marker and recovered by a workspace instance, without reuse', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const profileDir = newFolder();
    const moved = await localProfile(profileDir, service);
    // The marker a crash mid-renewal leaves in the profile.
    const { catalog } = openCatalog(openStore(profileDir));
    catalog.updateState(moved.id, {
      inFlight: { startedAt: Date.now(), refreshFingerprint: fingerprint(moved.refreshToken) },
    });
    await catalog.close();

    expect((await moveInChild(['in', profileDir, url, service, 'Ada', 'never'])).stdout).toContain('moved');
    const core = await workspaceCore(url, service, 'Ada');
    try {
      // Renewed once locally before the move, then once more in the workspace, from the marker.
      await expect
        .poll(() => core.history({ connectionId: moved.id }).filter((e) => e.action === 'renewed').length, {
          timeout: 30_000,
        })
        .toBe(2);
      await core.idle();
      expect(env.simulator.familyRevoked(moved.key)).toBe(false);
      expect(env.simulator.isRefreshTokenLive((await core.secrets.get(moved.id, 'refreshToken'))!)).toBe(
        true,
      );
      expect(
        await count(url, "SELECT count(*) AS n FROM states WHERE record->'inFlight' <> 'null'::jsonb"),
      ).toBe(0);
    } finally {
      await core.stop();
    }
  }, 120_000);
});

describe('moving a workspace out into a local profile', () => {
  it('takes the connections out of the workspace into a fresh profile that renews them with the same credentials', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const source = newFolder();
    const moved = await localProfile(source, service);
    expect((await moveInChild(['in', source, url, service, 'Ada', 'never'])).stdout).toContain('moved');

    const workspace = await workspaceCore(url, service, 'Ada');
    const outDir = join(newFolder(), 'out');
    try {
      const out = await workspace.moveOutOfWorkspace(outDir);
      expect(out).toMatchObject({ partners: 1, connections: 1 });
      await workspace.idle();
      expect(workspace.snapshot().partners).toEqual([]);
    } finally {
      await workspace.stop();
    }
    expect(await count(url, 'SELECT count(*) AS n FROM connections')).toBe(0);

    await withLocalProfile(outDir, service, async (core) => {
      expect(await core.secrets.get(moved.id, 'refreshToken')).toBe(moved.refreshToken);
      expect((await core.renewNow(moved.id)).kind).toBe('renewed');
      expect(env.simulator.familyRevoked(moved.key)).toBe(false);
    });
  }, 120_000);

  it('killed after noting the move, finishes at the next start of the new profile, once', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const source = newFolder();
    const moved = await localProfile(source, service);
    expect((await moveInChild(['in', source, url, service, 'Ada', 'never'])).stdout).toContain('moved');

    const outDir = join(newFolder(), 'out');
    const killed = await moveInChild(['out', outDir, url, service, 'Ada', 'noted']);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    // The workspace still renews it meanwhile: nothing left it.
    expect(await count(url, 'SELECT count(*) AS n FROM connections')).toBe(1);
    const workspace = await workspaceCore(url, service, 'Ada');
    try {
      expect((await workspace.renewNow(moved.id)).kind).toBe('renewed');
    } finally {
      await workspace.stop();
    }

    await withLocalProfile(outDir, service, async (core) => {
      expect((await core.renewNow(moved.id)).kind).toBe('renewed');
    });
    expect(await count(url, 'SELECT count(*) AS n FROM connections')).toBe(0);
    expect(await count(url, "SELECT count(*) AS n FROM history WHERE entry->>'action' = 'movedOut'")).toBe(1);
    expect(env.simulator.familyRevoked(moved.key)).toBe(false);
  }, 120_000);

  it('killed after removing them from the workspace, opens with them at the next start, and removes nothing twice', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-move-${randomUUID()}`;
    const source = newFolder();
    const moved = await localProfile(source, service);
    expect((await moveInChild(['in', source, url, service, 'Ada', 'never'])).stdout).toContain('moved');

    const outDir = join(newFolder(), 'out');
    const killed = await moveInChild(['out', outDir, url, service, 'Ada', 'committed']);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(await count(url, 'SELECT count(*) AS n FROM connections')).toBe(0);

    await withLocalProfile(outDir, service, async (core) => {
      expect(await core.secrets.get(moved.id, 'refreshToken')).toBe(moved.refreshToken);
      expect((await core.renewNow(moved.id)).kind).toBe('renewed');
    });
    expect(await count(url, "SELECT count(*) AS n FROM history WHERE entry->>'action' = 'movedOut'")).toBe(1);
    expect(env.simulator.familyRevoked(moved.key)).toBe(false);
  }, 120_000);
});
