import type { KeychainItems } from '../vault/secret-vault';

/** A keychain account for one database user of one workspace: `KIND/USER@HOST:PORT/DB`. */
export function workspaceAccount(
  kind: 'workspace-password' | 'workspace-member',
  url: string,
): string | null {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username) || 'default';
    return `${kind}/${user}@${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/** The keychain account holding the database password for one user of one workspace. */
function passwordAccount(url: string): string | null {
  return workspaceAccount('workspace-password', url);
}

/** The password given this time: in the options, in the URL, or in PGPASSWORD (as libpq reads it). */
export function givenPassword(url: string, password: string | undefined): string | undefined {
  if (password !== undefined) return password;
  try {
    const inUrl = decodeURIComponent(new URL(url).password);
    if (inUrl !== '') return inUrl;
  } catch {
    // Not a URL node-postgres reads either: it reports that itself.
  }
  return process.env.PGPASSWORD || undefined;
}

/** The password a previous start kept in the keychain, or undefined. */
export async function rememberedPassword(keychain: KeychainItems, url: string): Promise<string | undefined> {
  const account = passwordAccount(url);
  return (account && (await keychain.readItem(account))) ?? undefined;
}

/**
 * Kept in the keychain once the database accepted it, so later starts need neither PGPASSWORD
 * nor the password in a command line or a shell history.
 */
export async function rememberPassword(
  keychain: KeychainItems,
  url: string,
  password: string,
): Promise<void> {
  const account = passwordAccount(url);
  if (account === null || (await keychain.readItem(account)) === password) return;
  await keychain.writeItem(account, password);
}
