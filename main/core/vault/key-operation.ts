import { KEYCHAIN_UNAVAILABLE_STEPS, KeychainUnavailableError, TokenTrayError } from '../domain/errors';

/** The operations that need the keychain after start-up: each stores a new data key there. */
const OPERATIONS = {
  rotate: 'The data key was not rotated',
  startOver: 'TokenTray could not start over',
} as const;
export type KeyOperation = keyof typeof OPERATIONS;

/**
 * Runs a key operation, telling a keychain that does not answer apart from the rest: the window
 * says which operation failed and that renewals go on, rather than the start-up sentence that
 * secrets cannot be read (they can: the data key read at start-up is still in memory).
 */
export async function runKeyOperation<T>(operation: KeyOperation, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    const detail = error.detail ? ` (${error.detail})` : '';
    throw new TokenTrayError(
      'keychain_unavailable',
      `${OPERATIONS[operation]}: the system keychain, which must store the new data key, cannot be reached${detail}.`,
      [
        operation === 'startOver'
          ? 'Nothing was changed: the profile stays locked and renews nothing until this works.'
          : 'Nothing was changed: renewals go on with the data key TokenTray read at start-up.',
        ...KEYCHAIN_UNAVAILABLE_STEPS,
      ],
    );
  }
}
