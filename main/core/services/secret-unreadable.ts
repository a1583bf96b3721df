import type { ConnectionId } from '../domain';
import { guidanceFor } from '../domain';
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
  const reason = 'secret_unreadable';
  catalog.updateState(id, {
    phase: 'needsAction',
    lastError: error.message,
    followUp: { reason, message: error.message, guidance: guidanceFor(reason), at: clock.now() },
  });
  context.changed([id]);
  // Best effort: a disk that refuses it now takes it with the next commit, and the next use finds the same.
  void catalog.commit().catch(() => undefined);
}
