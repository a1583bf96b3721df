import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import type pg from 'pg';
import type { AuditEntry } from '../domain/audit';
import type { ComputerSettings } from '../domain/settings';
import { TokenTrayError } from '../domain/errors';
import type { EpochMs } from '../domain/ids';
import { newId } from '../domain/ids';
import type { JournalOp } from '../store/journal-records';
import { storeFilePath } from '../store/conf-store';
import type { StoreData } from '../store/schema';
import { CURRENT_SCHEMA_VERSION, StoreDataSchema } from '../store/schema';
import { writeStoreFile } from '../store/store-file';
import { createDataKey, readDataKey } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';
import { sealCheck } from '../vault/unlock-profile';
import { DEFAULT_AUDIT_LIMIT } from '../audit/audit-log';
import { loadWorkspace } from './load-workspace';
import { commitMove, movedSecrets } from './move-copy';
import type { MoveStep } from './move-into-workspace';
import type { MoveNote } from './move-note';
import { readMoveNote, urlWithoutPassword, writeMoveNote } from './move-note';
import type { MoveWorkspace } from './move-target';
import { openMoveSession, storedSealing, workspaceKey } from './move-target';
import { asWorkspaceError } from './workspace-errors';
import { connectionKey } from './workspace-session';

export interface MoveOutOptions {
  /** A fresh folder for the local profile (its lock held by the caller). */
  profileDir: string;
  workspace: MoveWorkspace;
  keychain: KeychainItems;
  now?: () => EpochMs;
  /** How long to wait for renewals running in the workspace to finish; 60 s unless given. */
  waitMs?: number;
  onStep?: (step: MoveStep) => void | Promise<void>;
  /** The moving instance's own settings (launch at login, theme…): the new profile on its computer keeps them. */
  computerSettings?: ComputerSettings;
}

export interface MovedOut {
  label: string;
  profileDir: string;
  partners: number;
  connections: number;
}

/**
 * Moves every partner and connection out of a workspace into a fresh local profile, exactly
 * once and without a moment two places could renew:
 * 1. the new folder's note says "moving out of X" (synced): that profile renews nothing until
 *    the note says done;
 * 2. this session takes every connection's renewal lock (waiting for renewals running elsewhere
 *    to commit), so no instance renews them while they move;
 * 3. the profile file is written from what the workspace holds, secrets re-sealed under a new
 *    local key, and synced;
 * 4. one transaction removes them from the workspace with a line of history named after the
 *    move (every instance follows it); a rerun finds that line and removes nothing again;
 * 5. the note says done, and the local profile opens and renews them.
 * A crash before 4 leaves the workspace renewing them (the locks go with the session), and the
 * next start writes the local file again from the workspace's newer state.
 */
export async function moveOutOfWorkspace(options: MoveOutOptions): Promise<MovedOut> {
  const { profileDir, workspace, keychain } = options;
  const now = options.now ?? Date.now;
  const earlier = readMoveNote(profileDir);
  if (earlier?.direction === 'in' || (!earlier && existsSync(storeFilePath({ directory: profileDir })))) {
    throw new TokenTrayError(
      'profile_not_empty',
      `${profileDir} already holds a TokenTray profile: nothing was moved.`,
      ['Choose a new, empty folder for the connections moving out of the workspace.'],
    );
  }
  const session = await openMoveSession(workspace, keychain, now());
  const { client, label } = session;
  try {
    const sealing = await storedSealing(client);
    if (!sealing)
      throw new TokenTrayError('not_a_workspace', `${label} holds no workspace yet: nothing to move out.`);
    const key = await workspaceKey(keychain, sealing, label);
    const note: MoveNote = earlier ?? {
      direction: 'out',
      moveId: newId(),
      phase: 'copying',
      url: urlWithoutPassword(workspace.url),
      label,
      member: workspace.member,
      workspaceId: sealing.profileId,
      localProfileId: newId(),
      at: now(),
    };
    const summary = { label, profileDir, partners: 0, connections: 0 };
    if (earlier?.phase === 'done') return summary;
    if (!earlier) writeMoveNote(profileDir, note);
    await options.onStep?.('noted');
    const historyId = `moved-out-${note.moveId}`;
    if (!(await committedBefore(client, historyId))) {
      const { data } = await loadWorkspace(client, DEFAULT_AUDIT_LIMIT);
      await holdRenewalLocks(client, Object.keys(data.connections), options.waitMs ?? 60_000, label);
      // Read again under the locks: a renewal that committed while this waited is in it.
      const { data: held } = await loadWorkspace(client, DEFAULT_AUDIT_LIMIT);
      summary.partners = Object.keys(held.partners).length;
      summary.connections = Object.keys(held.connections).length;
      const settings = { ...held.settings, ...options.computerSettings };
      await writeLocalProfile(profileDir, { ...held, settings }, note, keychain, {
        ...key,
        profileId: sealing.profileId,
      });
      const entry: AuditEntry = {
        id: historyId,
        at: now(),
        action: 'movedOut',
        outcome: 'info',
        member: note.member,
        memberId: session.member.id,
        message: `Moved out into a local profile: ${summary.partners} partners, ${summary.connections} connections.`,
      };
      await commitMove(client, {
        moveId: note.moveId,
        historyId,
        member: note.member,
        ops: removals(held, entry),
      });
    }
    await options.onStep?.('committed');
    writeMoveNote(profileDir, { ...note, phase: 'done' });
    await options.onStep?.('done');
    return summary;
  } catch (error) {
    throw asWorkspaceError(error, label);
  } finally {
    // Ending the session lets the renewal locks go.
    await client.end().catch(() => undefined);
  }
}

/** A start on a folder whose move out was cut off: finished from the note. */
export async function finishMoveOut(
  profileDir: string,
  keychain: KeychainItems,
  now?: () => EpochMs,
): Promise<void> {
  const note = readMoveNote(profileDir);
  if (!note || note.direction !== 'out' || note.phase === 'done') return;
  try {
    await moveOutOfWorkspace({
      profileDir,
      keychain,
      now,
      workspace: { url: note.url, member: note.member },
    });
  } catch (error) {
    const reason = error instanceof TokenTrayError ? ` ${error.message}` : '';
    throw new TokenTrayError(
      'profile_moved',
      `This profile is being moved out of the workspace ${note.label} and the move has not finished, so nothing renews here yet.${reason}`,
      ['TokenTray finishes the move at its next start once the workspace answers: start it again.'],
    );
  }
}

async function committedBefore(client: pg.ClientBase, historyId: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM history WHERE id = $1', [historyId]);
  return rows.length > 0;
}

/** Every connection's renewal lock, for this session: a renewal running elsewhere is waited for. */
async function holdRenewalLocks(
  client: pg.ClientBase,
  ids: string[],
  waitMs: number,
  label: string,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (const id of ids) {
    for (;;) {
      const { rows } = await client.query<{ taken: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
        [connectionKey(id)],
      );
      if (rows[0]!.taken) break;
      if (Date.now() >= deadline) {
        throw new TokenTrayError(
          'renewing_elsewhere',
          `A renewal in the workspace ${label} did not finish in time: nothing was moved.`,
          ['Try again in a minute.'],
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The new profile's file, whole, with its own key (made under the id the note holds) and synced. */
async function writeLocalProfile(
  profileDir: string,
  workspace: StoreData,
  note: MoveNote,
  keychain: KeychainItems,
  from: { profileId: string; version: number; key: Buffer },
): Promise<void> {
  const profileId = note.localProfileId ?? newId();
  const version = 1;
  const key =
    (await readDataKey(keychain, profileId, version)) ?? (await createDataKey(keychain, profileId, version));
  const sealed = Object.entries(workspace.secrets).flatMap(([connectionId, kinds]) =>
    Object.entries(kinds).map(([kind, value]) => ({
      connectionId,
      kind: kind as never,
      value: value as string,
    })),
  );
  const secrets: StoreData['secrets'] = {};
  const resealed = movedSecrets(sealed, {
    from: { profileId: from.profileId, key: () => from.key },
    to: { profileId, version, key },
  });
  for (const op of resealed) if ('seal' in op && op.value) (secrets[op.seal] ??= {})[op.kind] = op.value;
  const data = StoreDataSchema.parse({
    ...workspace,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    secrets,
    // The workspace's in-flight markers stay: this profile recovers them at its start, as after a crash.
    sealing: {
      profileId,
      keyVersion: version,
      check: sealCheck(key, version, profileId),
      keychainItems: 'done',
      rotatingTo: null,
      retiredVersion: null,
    },
    journalSeq: 0,
  });
  const path = storeFilePath({ directory: profileDir });
  writeStoreFile(path, data);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What leaves the workspace: every connection with its tokens, state and secrets, then the partners. */
function removals(data: StoreData, entry: AuditEntry): JournalOp[] {
  const ops: JournalOp[] = [];
  for (const id of Object.keys(data.connections)) {
    ops.push({ delete: 'connections', id }, { delete: 'states', id }, { dropSecrets: id });
  }
  for (const id of Object.keys(data.partners)) ops.push({ delete: 'partners', id });
  ops.push({ audit: entry });
  return ops;
}
