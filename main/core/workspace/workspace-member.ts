import type pg from 'pg';
import type { EpochMs } from '../domain/ids';
import { newId } from '../domain/ids';
import type { KeychainItems } from '../vault/secret-vault';
import { redeemJoinCode } from './join-code';
import { workspaceAccount } from './workspace-password';
import { CHANGES_CHANNEL, TAKE_CHANGES_TURN } from './workspace-writer';

/** Who a member is in a workspace: a random id that stays, and the display name they go by now. */
export interface WorkspaceMember {
  id: string;
  displayName: string;
}

/**
 * Who starts: the id this member goes by in the workspace. The id is random, made on the
 * member's first start (creating or joining) and kept in their keychain beside the database
 * password, so two members may share a display name and a rename keeps the history's
 * attribution. A first start under a name that has a row from before ids were kept (a row nobody
 * has claimed) takes that row's id, so the history written under that name stays theirs; a start
 * with a join code is always someone new. Without a keychain (tests, tools) a start goes as the
 * newest member by its name. Known before a join code is redeemed, which records it.
 */
async function memberIdOf(
  client: pg.ClientBase,
  options: { url: string; displayName: string; keychain?: KeychainItems; joining: boolean },
): Promise<string> {
  const account = workspaceAccount('workspace-member', options.url);
  const keychain = account === null ? undefined : options.keychain;
  // A string: this member's id; null: none yet; undefined: no keychain here, or it does not answer.
  const kept = keychain && account ? await keychain.readItem(account).catch(() => undefined) : undefined;
  if (kept === undefined) {
    // Nothing can be kept (a keychain that does not answer leaves the core locked anyway, as the
    // workspace key is there too): this start goes as the newest member by this name.
    return (await newestByName(client, options.displayName)) ?? newId();
  }
  const id = kept ?? (options.joining ? null : await claimUnclaimed(client, options.displayName)) ?? newId();
  // The keychain is written before the row: a row nobody's keychain names could be claimed by
  // the next start under its name. One the keychain refuses now lasts this start only.
  if (kept === null && keychain && account) await keychain.writeItem(account, id).catch(() => undefined);
  return id;
}

/**
 * This start's member, entered in the workspace's `members` table under their id with the name
 * they go by now. A join code given is redeemed first (join-code.ts), recorded as used by that id.
 */
export async function enterMember(
  client: pg.ClientBase,
  options: { url: string; displayName: string; keychain?: KeychainItems; joinCode?: string; now: EpochMs },
): Promise<WorkspaceMember> {
  const { joinCode, keychain } = options;
  const id = await memberIdOf(client, { ...options, joining: joinCode !== undefined });
  if (joinCode !== undefined) {
    if (!keychain) throw new Error('Joining a workspace needs the keychain');
    await redeemJoinCode(client, joinCode, { keychain, memberId: id, now: options.now });
  }
  const member = { id, displayName: options.displayName };
  await recordMember(client, member);
  return member;
}

/**
 * The member's row, and when it is new or renamed a change in `changes` (in the writers' turn,
 * with a NOTIFY, as every change), so that running instances follow it and name the member as
 * they go by now without asking the database each time.
 */
async function recordMember(client: pg.ClientBase, member: WorkspaceMember): Promise<void> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ display_name: string }>(
      'SELECT display_name FROM members WHERE id = $1 FOR UPDATE',
      [member.id],
    );
    await client.query(
      `INSERT INTO members (id, display_name) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, claimed = true`,
      [member.id, member.displayName],
    );
    if (rows[0]?.display_name !== member.displayName) {
      const change: MemberChange = { member };
      await client.query(
        `INSERT INTO changes (instance, ops)
           SELECT $1, $2 FROM (SELECT ${TAKE_CHANGES_TURN}) turn
         RETURNING pg_notify($3, seq::text)`,
        [`member-${member.id}`, JSON.stringify([change]), CHANGES_CHANNEL],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A member who joined or renamed, as one of a change's ops: beside the catalog's, which skip it. */
export interface MemberChange {
  member: WorkspaceMember;
}

/** The member an op of a change names, or null when it is not a member change. */
export function memberChangeOf(op: unknown): WorkspaceMember | null {
  const member = (op as Partial<MemberChange> | null)?.member;
  return typeof member?.id === 'string' && typeof member.displayName === 'string'
    ? { id: member.id, displayName: member.displayName }
    : null;
}

/** The id of the oldest unclaimed row under this name, claimed now (once: the outer check is taken again under the row's lock); null when none. */
async function claimUnclaimed(client: pg.ClientBase, displayName: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE members SET claimed = true
     WHERE id = (SELECT id FROM members WHERE display_name = $1 AND NOT claimed ORDER BY joined_at LIMIT 1)
       AND NOT claimed
     RETURNING id`,
    [displayName],
  );
  return rows[0]?.id ?? null;
}

async function newestByName(client: pg.ClientBase, displayName: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM members WHERE display_name = $1 ORDER BY joined_at DESC LIMIT 1',
    [displayName],
  );
  return rows[0]?.id ?? null;
}

/**
 * How the window names each member: their display name, with the start of their id when another
 * member goes by the same name, so that the two are told apart.
 */
export function memberLabels(members: readonly WorkspaceMember[]): Map<string, string> {
  const byName = new Map<string, number>();
  for (const member of members) byName.set(member.displayName, (byName.get(member.displayName) ?? 0) + 1);
  return new Map(
    members.map((member) => [
      member.id,
      (byName.get(member.displayName) ?? 0) > 1
        ? `${member.displayName} (${member.id.slice(0, 8)})`
        : member.displayName,
    ]),
  );
}

/** Every member of the workspace, oldest first. */
export async function readMembers(client: pg.ClientBase | pg.Pool): Promise<WorkspaceMember[]> {
  const { rows } = await client.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM members ORDER BY joined_at, display_name, id',
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
