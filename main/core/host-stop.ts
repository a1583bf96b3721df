import type { CoreEvent } from './app';
import type { Clock } from './domain/clock';
import { systemClock } from './domain/clock';
import { readMoveNote } from './workspace/move-note';

/** How long the window has to show why the core stopped before the host goes. */
export const STOPPING_GRACE_MS = 1_000;

/** Where the next start goes: the workspace this profile moved into (its URL without a password). */
export interface NextStart {
  workspaceUrl: string;
  member: string;
}

/**
 * Both hosts end when their core stops on its own (the profile moved into a workspace, or its
 * folder's lock was lost): the window has told why, the host then stops and its process ends,
 * so the folder's lock is free for the next start. `end` hears where that start should go when
 * the profile moved into a workspace (the Electron shell starts again there), null otherwise.
 * Returns the unsubscribe.
 */
export function endWhenCoreStops(
  core: { subscribe(listener: (event: CoreEvent) => void): () => void },
  options: { profileDir: string | null; end: (next: NextStart | null) => void; clock?: Clock },
): () => void {
  let ending = false;
  return core.subscribe((event) => {
    if (event.type !== 'stopping' || ending) return;
    ending = true;
    (options.clock ?? systemClock).setTimeout(
      () => options.end(options.profileDir === null ? null : movedInto(options.profileDir)),
      STOPPING_GRACE_MS,
    );
  });
}

/** The workspace a finished move took this folder's connections to, or null. */
function movedInto(profileDir: string): NextStart | null {
  try {
    const note = readMoveNote(profileDir);
    return note?.direction === 'in' && note.phase === 'done'
      ? { workspaceUrl: note.url, member: note.member }
      : null;
  } catch {
    // A note that does not read: the next start says so itself.
    return null;
  }
}
