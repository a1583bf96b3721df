import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app } from 'electron';
import { AUTOSTART_FILE_NAME, autostartDesktopEntry, HIDDEN_FLAG } from './autostart-entry';

/**
 * Applies Settings.launchAtLogin: a login item on macOS and Windows, an XDG autostart entry on
 * Linux; `args` are what this start needs again at login (loginStartArgs: a workspace's flags).
 */
export async function applyLaunchAtLogin(enabled: boolean, args: readonly string[] = []): Promise<void> {
  if (process.platform === 'linux') return applyLinuxAutostart(enabled, args);
  app.setLoginItemSettings({ openAtLogin: enabled, args: [...args, HIDDEN_FLAG] });
}

async function applyLinuxAutostart(enabled: boolean, args: readonly string[]): Promise<void> {
  // appData is $XDG_CONFIG_HOME (~/.config) on Linux.
  const directory = join(app.getPath('appData'), 'autostart');
  const file = join(directory, AUTOSTART_FILE_NAME);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(directory, { recursive: true });
  await writeFile(file, autostartDesktopEntry(launchCommand(), args), { mode: 0o644 });
}

/** The AppImage itself when run from one; the Electron binary and the script in development. */
function launchCommand(): string[] {
  if (process.env.APPIMAGE) return [process.env.APPIMAGE];
  if (app.isPackaged) return [process.execPath];
  return [process.execPath, process.argv[1] ?? app.getAppPath()];
}
