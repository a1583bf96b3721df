import type { ConnectionId } from '../domain';
import { needsActionState } from '../domain';
import type { SealedValueUnreadableError } from '../vault/seal';
import type { CoreContext } from './core-context';

/**
 * A connection whose stored secret does not open (a damaged profile file) stops and asks for
 * that secret again, as a renewal that met it would; the others go on.
 */
export function markSecretUnreadable(
  context: Pick<CoreContext, 'catalog' | 'clock' | 'changed'>,
  id: ConnectionId,
  error: SealedValueUnreadableError,
): void {
  const { catalog, clock } = context;
  catalog.updateState(id, needsActionState('secret_unreadable', error.message, clock.now()));
  context.changed([id]);
  // Best effort: a disk that refuses it now takes it with the next commit, and the next use finds the same.
  void catalog.commit().catch(() => undefined);
}
