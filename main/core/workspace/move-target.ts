import pg from 'pg';
import { TokenTrayError } from '../domain/errors';
import type { EpochMs } from '../domain/ids';
import type { Sealing } from '../store/schema';
import { readDataKey } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';
import { opensCheck } from '../vault/unlock-profile';
import { withPassword } from './open-workspace';
import { migrateWorkspace } from './schema-migrations';
import { asWorkspaceError, workspaceLabel } from './workspace-errors';
import type { WorkspaceMember } from './workspace-member';
import { enterMember } from './workspace-member';
import { givenPassword, rememberedPassword, rememberPassword } from './workspace-password';

/** The workspace a profile moves into or out of, as the person names it. */
export interface MoveWorkspace {
  /** postgres://user@host:port/database; the password in it, in `password`, in PGPASSWORD or in the keychain. */
  url: string;
  password?: string;
  /** The member's display name, filed with the move's history. */
  member: string;
  /** A one-time join code, when this member has not joined the workspace yet. */
  joinCode?: string;
}

/** One database session for a move, on the schema this version knows. */
export interface MoveSession {
  client: pg.Client;
  label: string;
  /** Who moves: the move's line of history names them. */
  member: WorkspaceMember;
}

/** Connects (the password as a workspace start finds it), migrates the schema and redeems a join code. */
export async function openMoveSession(
  workspace: MoveWorkspace,
  keychain: KeychainItems,
  now: EpochMs,
): Promise<MoveSession> {
  const label = workspaceLabel(workspace.url);
  const given = givenPassword(workspace.url, workspace.password);
  const password = given ?? (await rememberedPassword(keychain, workspace.url).catch(() => undefined));
  const client = new pg.Client({
    connectionString: withPassword(workspace.url, password),
    statement_timeout: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'TokenTray move',
  });
  client.on('error', () => undefined);
  let member: WorkspaceMember;
  try {
    await client.connect();
    await migrateWorkspace(client);
    member = await enterMember(client, {
      url: workspace.url,
      displayName: workspace.member,
      keychain,
      joinCode: workspace.joinCode,
      now,
    });
  } catch (error) {
    await client.end().catch(() => undefined);
    throw asWorkspaceError(error, label);
  }
  // Kept once the database took it, before anything moves: a start that finishes a cut-off move needs it.
  if (given !== undefined) await rememberPassword(keychain, workspace.url, given).catch(() => undefined);
  return { client, label, member };
}

/** The workspace's sealing as stored, or null for a workspace nobody has opened yet. */
export async function storedSealing(client: pg.ClientBase): Promise<Sealing | null> {
  const { rows } = await client.query<{ record: Sealing }>('SELECT record FROM sealing');
  return rows[0]?.record ?? null;
}

/** The workspace's current data key from this member's keychain; refused when this member has none. */
export async function workspaceKey(
  keychain: KeychainItems,
  sealing: Sealing,
  label: string,
): Promise<{ version: number; key: Buffer }> {
  const key = await readDataKey(keychain, sealing.profileId, sealing.keyVersion);
  if (!key || !opensCheck(key, sealing)) {
    throw new TokenTrayError(
      'workspace_key_missing',
      `This computer's keychain does not hold the key of the workspace ${label}, so nothing was moved.`,
      [
        'Ask a member of the workspace for a join code (Settings → Create join code), then move again with that code.',
      ],
    );
  }
  return { version: sealing.keyVersion, key };
}
