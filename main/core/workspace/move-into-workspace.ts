import type pg from 'pg';
import type { Catalog } from '../catalog/catalog';
import type { AuditEntry } from '../domain/audit';
import { TokenTrayError } from '../domain/errors';
import type { EpochMs } from '../domain/ids';
import { newId } from '../domain/ids';
import type { JournalOp } from '../store/journal-records';
import type { Sealing } from '../store/schema';
import { createDataKey, readDataKey } from '../vault/data-key';
import type { DataKeyRing } from '../vault/data-key';
import { sealedVersion } from '../vault/seal';
import type { KeychainItems } from '../vault/secret-vault';
import { PROFILE_SECRETS } from '../vault/secret-vault';
import { sealCheck } from '../vault/unlock-profile';
import type { MoveNote } from './move-note';
import { readMoveNote, urlWithoutPassword, writeMoveNote } from './move-note';
import { commitMove, movedSecrets } from './move-copy';
import type { MoveSession, MoveWorkspace } from './move-target';
import { openMoveSession, storedSealing, workspaceKey } from './move-target';
import { asWorkspaceError } from './workspace-errors';
import { keepComputerSettings } from '../store/computer-settings-store';

/** Where a move stands: tests stop the process at each of these. */
export type MoveStep = 'noted' | 'committed' | 'done';

export interface MoveIntoWorkspaceOptions {
  /** The local profile's folder (its lock held by the caller, nothing renewing). */
  profileDir: string;
  /** The local profile's catalog and its data keys, opened. */
  catalog: Catalog;
  keys: DataKeyRing;
  keychain: KeychainItems;
  workspace: MoveWorkspace;
  now: () => EpochMs;
  onStep?: (step: MoveStep) => void | Promise<void>;
}

export interface MovedIn {
  label: string;
  url: string;
  member: string;
  partners: number;
  connections: number;
}

/**
 * Moves a local profile's partners, connections, token metadata, state, history and secrets into
 * a workspace, exactly once and without a moment two places could renew:
 * 1. the folder's note says "moving into X" (synced) before anything is copied, so from then on
 *    this profile never renews on its own, whatever happens next;
 * 2. one transaction copies everything, the secrets re-sealed under the workspace's key and bound
 *    to its id, with a line of history named after the move: a second run finds that line and
 *    copies nothing again; workspace instances see the connections only once it commits;
 * 3. the note says "done".
 * Renewals cut off by a crash keep their in-flight marker, owned by no live instance, so a
 * workspace instance recovers them as a restarted profile would. A crash at any step is
 * finished by running this again (the next start does).
 */
export async function moveIntoWorkspace(options: MoveIntoWorkspaceOptions): Promise<MovedIn> {
  const { catalog, profileDir, workspace, keychain } = options;
  const earlier = readMoveNote(profileDir);
  if (earlier?.direction === 'out') {
    throw new TokenTrayError(
      'profile_moved',
      'This profile is being moved out of a workspace: it cannot move in now.',
    );
  }
  const url = urlWithoutPassword(workspace.url);
  if (earlier && earlier.url !== url) {
    throw new TokenTrayError(
      'profile_moved',
      `This profile is already moving into the workspace ${earlier.label}, not this one.`,
      [`Finish that move first: start TokenTray with --workspace ${earlier.url}.`],
    );
  }
  const summary: MovedIn = {
    label: earlier?.label ?? '',
    url,
    member: earlier?.member ?? workspace.member,
    partners: catalog.partners().length,
    connections: catalog.connections().length,
  };
  if (earlier?.phase === 'done') return summary;
  const session = await openMoveSession(workspace, keychain, options.now());
  summary.label = session.label;
  try {
    const existing = await storedSealing(session.client);
    // Checked before the note: a member without the key moves nothing and keeps renewing here.
    const key = existing ? await workspaceKey(keychain, existing, session.label) : null;
    const note: MoveNote = earlier ?? {
      direction: 'in',
      moveId: newId(),
      phase: 'copying',
      url,
      label: session.label,
      member: workspace.member,
      workspaceId: existing?.profileId ?? newId(),
      at: options.now(),
    };
    if (!earlier) writeMoveNote(profileDir, note);
    await options.onStep?.('noted');
    const target =
      existing && key ? { sealing: existing, key, created: false } : await newWorkspaceKey(keychain, note);
    await copyIn(session, options, note, target);
    await options.onStep?.('committed');
    // The folder becomes the workspace instance's: this computer's own settings stay with it.
    keepComputerSettings(profileDir, catalog.settings());
    writeMoveNote(profileDir, { ...note, phase: 'done' });
    await options.onStep?.('done');
    return { ...summary, member: note.member };
  } catch (error) {
    throw asWorkspaceError(error, session.label);
  } finally {
    await session.client.end().catch(() => undefined);
  }
}

interface TargetKey {
  sealing: Sealing;
  key: { version: number; key: Buffer };
  /** The workspace had no sealing: this move makes it (with its settings). */
  created: boolean;
}

/** A workspace nobody opened yet gets its key from this move, under the id the note holds (a crash finds the same key). */
async function newWorkspaceKey(keychain: KeychainItems, note: MoveNote): Promise<TargetKey> {
  const version = 1;
  const key =
    (await readDataKey(keychain, note.workspaceId, version)) ??
    (await createDataKey(keychain, note.workspaceId, version));
  const sealing: Sealing = {
    profileId: note.workspaceId,
    keyVersion: version,
    check: sealCheck(key, version, note.workspaceId),
    keychainItems: 'done',
    rotatingTo: null,
    retiredVersion: null,
  };
  return { sealing, key: { version, key }, created: true };
}

/** The copy, as one transaction; nothing when the move's line of history is there already. */
async function copyIn(
  session: MoveSession,
  options: MoveIntoWorkspaceOptions,
  note: MoveNote,
  target: TargetKey,
): Promise<void> {
  const { catalog, keys } = options;
  const local = catalog.sealing();
  if (!local) throw new Error('A profile moves only once its secrets are open');
  const ops: JournalOp[] = [];
  if (target.created) ops.push({ sealing: target.sealing }, { settings: catalog.settings() });
  for (const partner of catalog.partners()) ops.push({ put: 'partners', value: partner });
  for (const connection of catalog.connections()) {
    ops.push({ put: 'connections', value: connection });
    for (const token of [...catalog.tokensOf(connection.id)].reverse())
      ops.push({ put: 'tokens', value: token });
    const state = catalog.state(connection.id);
    // A renewal cut off here is recovered by a workspace instance: its owner is no instance alive.
    const inFlight = state.inFlight && { ...state.inFlight, owner: `moved-${note.moveId}` };
    ops.push({ put: 'states', value: { ...state, inFlight } });
  }
  const secrets = catalog
    .sealedSecrets()
    // The profile's own secrets (its proxy password) go with its settings, into a new workspace only.
    .filter((secret) => target.created || secret.connectionId !== PROFILE_SECRETS)
    .filter((secret) => secret.connectionId === PROFILE_SECRETS || catalog.connection(secret.connectionId));
  ops.push(
    ...movedSecrets(secrets, {
      from: { profileId: local.profileId, key: (value) => keys.key(sealedVersion(value) ?? 0) },
      to: { profileId: target.sealing.profileId, ...target.key },
    }),
  );
  for (const entry of catalog.auditEntries()) ops.push({ audit: entry });
  const moved: AuditEntry = {
    id: `moved-in-${note.moveId}`,
    at: options.now(),
    action: 'movedIn',
    outcome: 'info',
    member: note.member,
    memberId: session.member.id,
    message: `Moved in from a local profile: ${catalog.partners().length} partners, ${catalog.connections().length} connections.`,
  };
  ops.push({ audit: moved });
  await commitMove(session.client, {
    moveId: note.moveId,
    historyId: moved.id,
    member: note.member,
    ops,
    check: (client) => refuseConflicts(client, catalog, target),
  });
}

/** Ids are random, so a clash means this very profile is in the workspace already (a copy made some other way). */
async function refuseConflicts(client: pg.ClientBase, catalog: Catalog, target: TargetKey): Promise<void> {
  const sealing = await storedSealing(client);
  if (target.created ? sealing !== null : sealing?.profileId !== target.sealing.profileId) {
    throw new TokenTrayError(
      'move_conflict',
      'Another member set the workspace up while this profile was moving: nothing was copied.',
      ['Move again: the profile moves into the workspace as it is now.'],
    );
  }
  const ids = [...catalog.partners().map((p) => p.id), ...catalog.connections().map((c) => c.id)];
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM partners WHERE id = ANY($1::text[]) UNION SELECT id FROM connections WHERE id = ANY($1::text[])',
    [ids],
  );
  if (rows.length > 0) {
    throw new TokenTrayError(
      'move_conflict',
      `The workspace already holds ${rows.length} of this profile's partners or connections: nothing was copied.`,
      ['Remove them from the workspace (or from this profile), then move again.'],
    );
  }
}
