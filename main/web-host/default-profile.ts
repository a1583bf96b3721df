import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'TokenTray';

/**
 * Where TokenTray keeps its metadata when no --profile is given: the user's
 * configuration directory, as Electron's `userData` would place it.
 */
export function defaultProfileDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}
