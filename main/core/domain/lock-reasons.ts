/** Why a profile's secrets are locked: start-up found no data key that opens them, or could not finish moving them. */
export type LockReason = 'keychain_unavailable' | 'key_missing' | 'key_mismatch' | 'migration_unconfirmed';

/** Locks whose data key is lost for good: only these may start over with a new one. */
export const KEY_LOST_REASONS: readonly LockReason[] = ['key_missing', 'key_mismatch'];
