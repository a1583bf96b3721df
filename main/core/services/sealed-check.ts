import { performance } from 'node:perf_hooks';
import type { Connection, ConnectionId } from '../domain';
import type { SecretKind } from '../domain/secret-kinds';
import { profileFor } from '../dialects/presets';
import { secretsNeededFor } from '../dialects/renewal-inputs';
import { SealedValueUnreadableError } from '../vault/seal';
import { SecretsLockedError } from '../vault/sealed-vault';
import type { CoreContext } from './core-context';
import { markSecretUnreadable } from './secret-unreadable';

/** How long a batch may hold the event loop: at about 40 µs a value, a hundred values or so. */
const BATCH_MS = 4;

export interface SealedCheck {
  /** Settles once every connection is checked, or soon after `stop`. */
  done: Promise<void>;
  stop(): void;
}

/**
 * Opens, in the background, every sealed value a connection cannot do without, so that a
 * damaged one puts its connection in needs action now rather than at its next renewal or copy,
 * maybe weeks away. Each batch waits for its own turn of the event loop (setImmediate), after
 * the I/O that is ready, so answers and renewals go first.
 */
export function checkSealedSecrets(context: CoreContext): SealedCheck {
  let stopped = false;
  const done = checkEach(context, () => stopped);
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}

async function checkEach(context: CoreContext, stopped: () => boolean): Promise<void> {
  const { catalog, engine } = context;
  const ids = catalog.connections().map((connection) => connection.id);
  // Timed rather than counted: a cold start (code not yet optimised) opens values slower.
  let batchEnds = 0;
  for (const id of ids) {
    if (performance.now() >= batchEnds) {
      await nextTurn();
      if (stopped()) return;
      batchEnds = performance.now() + BATCH_MS;
    }
    const connection = catalog.connection(id);
    // A renewal reads its values itself and says what it finds; one already marked needs nothing more.
    if (!connection || engine.isRenewing(id)) continue;
    if (catalog.state(id).followUp?.reason === 'secret_unreadable') continue;
    if ((await firstUnreadable(context, id, kindsInUse(connection))) === 'locked') return;
  }
}

/** Opens each kind in turn; marks the connection at the first that does not open. */
async function firstUnreadable(
  context: CoreContext,
  id: ConnectionId,
  kinds: readonly SecretKind[],
): Promise<'locked' | null> {
  for (const kind of kinds) {
    try {
      await context.vault.get(id, kind);
    } catch (error) {
      // No key opens the profile (it is locked): nothing more will open.
      if (error instanceof SecretsLockedError) return 'locked';
      if (!(error instanceof SealedValueUnreadableError)) throw error;
      markSecretUnreadable(context, id, error);
      return null;
    }
  }
  return null;
}

/**
 * The secrets a connection cannot do without, damaged or not: what its renewal sends (and reads,
 * as the refresh token), a manual connection's token, and its client certificate's key. An access
 * token the renewal does not send is left out: the next renewal replaces it.
 */
function kindsInUse(connection: Connection): SecretKind[] {
  const kinds = new Set<SecretKind>();
  if (connection.dialect === 'manual') {
    kinds.add('partnerToken');
  } else {
    kinds.add('refreshToken');
    const profile = profileFor(connection);
    if (profile) for (const kind of secretsNeededFor(profile, connection)) kinds.add(kind);
  }
  if (connection.settings.clientCertificatePem) kinds.add('clientKey');
  return [...kinds];
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
