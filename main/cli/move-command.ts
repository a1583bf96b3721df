import { resolve } from 'node:path';
import type { LocalApi } from './local-api';

/**
 * Moves the running local profile into a workspace. The database password comes from PGPASSWORD
 * or the keychain (never the command line, where a shell history would keep it).
 */
export async function moveIn(
  api: LocalApi,
  url: string,
  options: { member: string; join?: string },
): Promise<string> {
  const password = process.env.PGPASSWORD || undefined;
  const moved = await api.call('moveIntoWorkspace', {
    url,
    member: options.member,
    ...(password ? { password } : {}),
    ...(options.join ? { joinCode: options.join } : {}),
  });
  return (
    `Moved ${moved.partners} partners and ${moved.connections} connections into the workspace ${moved.label}; ` +
    'they renew there now, and this profile renews nothing.\n' +
    `  Start TokenTray on the workspace with: --workspace ${moved.url} --member ${JSON.stringify(moved.member)}`
  );
}

/** Moves the running workspace's partners and connections out into a fresh local profile folder. */
export async function moveOut(api: LocalApi, folder: string): Promise<string> {
  const moved = await api.call('moveOutOfWorkspace', resolve(folder));
  return (
    `Moved ${moved.partners} partners and ${moved.connections} connections out of the workspace ${moved.label} ` +
    `into ${moved.profileDir}.\n  Start TokenTray on that profile with: --profile ${moved.profileDir}`
  );
}
