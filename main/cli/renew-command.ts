import { CommandFailure, EXIT, needsActionFailure } from './exit-codes';
import { findConnection } from './find-connection';
import type { LocalApi } from './local-api';
import { isoOrNull } from './time-text';

/** Renews one connection now (joined with a renewal already running) and says how it went. */
export async function renewConnection(api: LocalApi, query: string): Promise<string> {
  const found = findConnection(await api.call('getSnapshot'), query);
  const outcome = await api.call('renewNow', found.connection.id);
  if (outcome.kind === 'renewed') {
    return `Renewed ${found.name}; the new token expires ${isoOrNull(outcome.expiresAt) ?? 'at an unknown time'}.`;
  }
  if (outcome.kind === 'followUp') {
    throw needsActionFailure(found.name, outcome);
  }
  throw new CommandFailure(
    EXIT.failed,
    `${found.name} was not renewed: ${outcome.message} TokenTray retries by itself.`,
  );
}
