import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TokenTrayError } from '../domain/errors';
import { STORE_FILE_MODE } from '../store/store-file';

/**
 * A profile folder's note that its partners and connections moved between it and a workspace.
 * `in`: this local profile moved into the workspace; from the moment the note exists (before
 * anything is copied) the folder never renews on its own again. `out`: this folder is a fresh
 * local profile the workspace's connections moved out into; it renews only once the note says
 * `done`. While `copying`, the next start finishes the move (it is done once, whatever crashed).
 */
export const MoveNoteSchema = z.object({
  direction: z.enum(['in', 'out']),
  /** Names the move's own line of history in the workspace: written once, so it tells whether the copy committed. */
  moveId: z.string().min(1),
  phase: z.enum(['copying', 'done']),
  /** The database URL without its password; host:port/database for people. */
  url: z.string(),
  label: z.string(),
  member: z.string(),
  /** The workspace's id (its sealing's), chosen before a new workspace's key is made. */
  workspaceId: z.string().min(1),
  at: z.number(),
  /** Moving out: the new local profile's id, chosen before its key is made (a crash finds the same key). */
  localProfileId: z.string().min(1).optional(),
});
export type MoveNote = z.infer<typeof MoveNoteSchema>;

const MOVE_NOTE_NAME = 'tokentray.moved.json';

export function moveNotePath(profileDir: string): string {
  return join(profileDir, MOVE_NOTE_NAME);
}

/** The folder's note, or null when nothing moved here. A note that does not read is refused, never ignored. */
export function readMoveNote(profileDir: string): MoveNote | null {
  let text: string;
  try {
    text = readFileSync(moveNotePath(profileDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: ReturnType<typeof MoveNoteSchema.safeParse>;
  try {
    parsed = MoveNoteSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = MoveNoteSchema.safeParse(null);
  }
  if (parsed.success) return parsed.data;
  // Renewing on a guess could make two places renew one refresh token.
  throw new TokenTrayError(
    'profile_moved',
    `This profile's note about a move to or from a workspace (${moveNotePath(profileDir)}) cannot be read, so TokenTray renews nothing here.`,
    ['Start TokenTray on the workspace instead (--workspace URL --member NAME), or restore the note.'],
  );
}

/**
 * Written to a temporary file, synced, renamed over the note, and the folder synced: after a
 * crash the note is either the old one or the new one, and it is on the disk before the next step.
 */
export function writeMoveNote(profileDir: string, note: MoveNote): void {
  const path = moveNotePath(profileDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(note), { mode: STORE_FILE_MODE });
  syncPath(temporary, 'r+');
  renameSync(temporary, path);
  syncPath(profileDir, 'r');
}

function syncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The URL as the note keeps it: no password (that is in the keychain). */
export function urlWithoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Why a profile that moved into a workspace does not open on its own, and how to reach its connections now. */
export function profileMovedError(note: MoveNote): TokenTrayError {
  const command = `--workspace ${note.url} --member ${JSON.stringify(note.member)}`;
  if (note.phase === 'copying') {
    return new TokenTrayError(
      'profile_moved',
      `This profile is moving into the workspace ${note.label}; the move has not finished, so nothing renews here.`,
      [
        'TokenTray finishes the move at its next start once the workspace answers: start it again.',
        `Or start TokenTray on the workspace: ${command}`,
      ],
    );
  }
  return new TokenTrayError(
    'profile_moved',
    `This profile moved into the workspace ${note.label} on ${new Date(note.at).toISOString()}; its connections renew there now.`,
    [`Start TokenTray on the workspace: ${command}`],
  );
}
