import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenTrayCore } from '../../../main/core/app';
import { DEFAULT_SETTINGS } from '../../../main/core/domain/settings';
import { openLockedProfile } from '../../../main/core/open-profile';
import { computerSettingsPath } from '../../../main/core/store/computer-settings-store';
import { openConfStore } from '../../../main/core/store/conf-store';
import { KeytarVault } from '../../../main/core/vault/keytar-vault';
import type { Workspace } from '../../../main/core/workspace/open-workspace';
import { useWorkspaceServers } from './workspace-servers';
import { startWorkspaceInstance } from './workspace-instance';
import { withDatabase } from '../../support/postgres';

const env = useWorkspaceServers();
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function localFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tokentray-computer-'));
  folders.push(folder);
  return folder;
}

interface Instance {
  core: TokenTrayCore;
  workspace: Workspace;
}

async function openInstance(url: string, service: string, member: string, folder: string): Promise<Instance> {
  return startWorkspaceInstance(
    { url, member },
    { workspaceUrl: url, localFolder: folder, keychain: new KeytarVault({ service }) },
  );
}

async function storedSettings(url: string): Promise<unknown> {
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ record: unknown }>('SELECT record FROM settings');
    return rows[0]?.record;
  });
}

describe("a workspace member's own settings", () => {
  it("keeps login, theme and list choices on each member's computer while the renewal policy is shared, across restarts", async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const adaFolder = localFolder();
    const graceFolder = localFolder();
    let ada = await openInstance(url, service, 'Ada', adaFolder);
    let grace = await openInstance(url, service, 'Grace', graceFolder);
    try {
      const policy = { ...DEFAULT_SETTINGS.renewalPolicy, leadTimeMs: 600_000 };
      ada.core.updateSettings({
        launchAtLogin: true,
        theme: 'dark',
        listView: { sort: 'name', grouped: false },
        renewalPolicy: policy,
      });
      await ada.core.saved();
      await grace.workspace.catchUp();

      expect(grace.core.getSettings().renewalPolicy).toEqual(policy);
      expect(grace.core.getSettings()).toMatchObject({
        launchAtLogin: false,
        theme: 'system',
        listView: { sort: 'urgency', grouped: true },
      });
      expect(grace.core.snapshot().settings.launchAtLogin).toBe(false);
      expect(ada.core.getSettings()).toMatchObject({
        launchAtLogin: true,
        theme: 'dark',
        listView: { sort: 'name', grouped: false },
        renewalPolicy: policy,
      });

      // Grace's own choice stays hers; a team setting she changes reaches Ada.
      grace.core.updateSettings({ theme: 'light', concurrency: { global: 3, perHost: 2 } });
      await grace.core.saved();
      await ada.workspace.catchUp();
      expect(ada.core.getSettings().theme).toBe('dark');
      expect(ada.core.getSettings().concurrency).toEqual({ global: 3, perHost: 2 });

      await ada.core.stop();
      await grace.core.stop();
      ada = await openInstance(url, service, 'Ada', adaFolder);
      grace = await openInstance(url, service, 'Grace', graceFolder);

      expect(ada.core.getSettings()).toMatchObject({
        launchAtLogin: true,
        theme: 'dark',
        listView: { sort: 'name', grouped: false },
        renewalPolicy: policy,
        concurrency: { global: 3, perHost: 2 },
      });
      expect(grace.core.getSettings()).toMatchObject({
        launchAtLogin: false,
        theme: 'light',
        listView: { sort: 'urgency', grouped: true },
        renewalPolicy: policy,
        concurrency: { global: 3, perHost: 2 },
      });
      // What the workspace holds for everyone never took Ada's login item.
      expect(await storedSettings(url)).toMatchObject({ launchAtLogin: false, theme: 'system' });
    } finally {
      await ada.core.stop();
      await grace.core.stop();
    }
  }, 60_000);

  it("keeps the reminder days one list, the team's renewal policy: changed by one member through either field, every member's window follows", async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const adaFolder = localFolder();
    const ada = await openInstance(url, service, 'Ada', adaFolder);
    const grace = await openInstance(url, service, 'Grace', localFolder());
    try {
      const windowShows = (core: TokenTrayCore, days: number[]) =>
        new Promise<void>((resolve) =>
          core.subscribe((event) => {
            const { settings } = core.snapshot();
            if (event.type === 'changed' && settings.reminderDays.join() === days.join()) resolve();
          }),
        );
      // The top-level field alone, as a client that knows only it sends it.
      const graceSees = windowShows(grace.core, [60, 10]);
      ada.core.updateSettings({ reminderDays: [60, 10] });
      await ada.core.saved();
      await graceSees;
      for (const core of [ada.core, grace.core]) {
        expect(core.snapshot().settings).toMatchObject({
          reminderDays: [60, 10],
          renewalPolicy: { reminderDays: [60, 10] },
        });
      }
      expect(await storedSettings(url)).toMatchObject({
        reminderDays: [60, 10],
        renewalPolicy: { reminderDays: [60, 10] },
      });

      // The policy's list, changed by another member: the mirror follows it everywhere.
      const adaSees = windowShows(ada.core, [5]);
      grace.core.updateSettings({
        renewalPolicy: { ...grace.core.getSettings().renewalPolicy, reminderDays: [5] },
      });
      await grace.core.saved();
      await adaSees;
      expect(ada.core.snapshot().settings).toMatchObject({
        reminderDays: [5],
        renewalPolicy: { reminderDays: [5] },
      });
      expect(await storedSettings(url)).toMatchObject({
        reminderDays: [5],
        renewalPolicy: { reminderDays: [5] },
      });
      // No computer keeps a list of its own: the change wrote nothing to this computer's file.
      expect(existsSync(computerSettingsPath(adaFolder))).toBe(false);
    } finally {
      await ada.core.stop();
      await grace.core.stop();
    }
  }, 60_000);

  it('refuses a bad value for a computer setting with its field named, and keeps the one before', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const folder = localFolder();
    const ada = await openInstance(url, service, 'Ada', folder);
    try {
      ada.core.updateSettings({ clipboardClearSeconds: 45 });
      let refused: unknown;
      try {
        ada.core.updateSettings({ clipboardClearSeconds: 1 });
      } catch (error) {
        refused = error;
      }
      expect(JSON.stringify((refused as { issues?: unknown }).issues)).toContain('clipboardClearSeconds');
      expect(ada.core.getSettings().clipboardClearSeconds).toBe(45);
      expect(JSON.parse(readFileSync(computerSettingsPath(folder), 'utf8')).clipboardClearSeconds).toBe(45);
    } finally {
      await ada.core.stop();
    }
  }, 60_000);

  it('starts a hand-edited computer settings file from its valid fields, the others at their defaults', async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const folder = localFolder();
    writeFileSync(
      computerSettingsPath(folder),
      JSON.stringify({ theme: 'dark', clipboardClearSeconds: 'soon' }),
    );
    const ada = await openInstance(url, service, 'Ada', folder);
    try {
      expect(ada.core.getSettings().theme).toBe('dark');
      expect(ada.core.getSettings().clipboardClearSeconds).toBe(DEFAULT_SETTINGS.clipboardClearSeconds);
    } finally {
      await ada.core.stop();
    }
  }, 60_000);

  it("a local profile moving into a workspace keeps its login and theme choices on its own computer, not on another member's", async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const profileDir = localFolder();
    const vault = new KeytarVault({ service });
    const openStore = (directory: string) => openConfStore({ directory });
    const local = await openLockedProfile({ profileDir, openStore, vault });
    await local.core.start();
    local.core.updateSettings({ launchAtLogin: true, theme: 'dark' });
    await local.core.saved();
    await local.core.stop();
    await local.lock.release();

    const moved = await openLockedProfile({
      profileDir,
      openStore,
      vault,
      workspace: { url, member: 'Ada' },
      moveIn: true,
    });
    let grace: Instance | undefined;
    try {
      await moved.core.start();
      expect(moved.core.getSettings()).toMatchObject({ launchAtLogin: true, theme: 'dark' });
      grace = await openInstance(url, service, 'Grace', localFolder());
      expect(grace.core.getSettings()).toMatchObject({ launchAtLogin: false, theme: 'system' });
    } finally {
      await grace?.core.stop();
      await moved.core.stop();
      await moved.lock.release();
      await vault.close();
    }
  }, 60_000);

  it("a workspace moving out into a local profile takes the moving member's own settings with the team's", async () => {
    const url = await env.server.createDatabase();
    const service = `TokenTray-computer-settings-${randomUUID()}`;
    const grace = await openInstance(url, service, 'Grace', localFolder());
    const ada = await openInstance(url, service, 'Ada', localFolder());
    const policy = { ...DEFAULT_SETTINGS.renewalPolicy, leadTimeMs: 900_000 };
    const outDir = join(localFolder(), 'out');
    try {
      grace.core.updateSettings({ theme: 'light', renewalPolicy: policy });
      await grace.core.saved();
      await ada.workspace.catchUp();
      ada.core.updateSettings({ launchAtLogin: true, theme: 'dark' });
      await ada.core.moveOutOfWorkspace(outDir);
    } finally {
      await ada.core.stop();
      await grace.core.stop();
    }
    const vault = new KeytarVault({ service });
    const opened = await openLockedProfile({
      profileDir: outDir,
      openStore: (directory) => openConfStore({ directory }),
      vault,
    });
    try {
      expect(opened.core.getSettings()).toMatchObject({
        launchAtLogin: true,
        theme: 'dark',
        renewalPolicy: policy,
      });
    } finally {
      await opened.core.stop();
      await opened.lock.release();
      await vault.close();
    }
  }, 60_000);
});
