import type { ListSnapshot } from '../api/types';
import { useSnapshot } from './useSnapshot';

/** What the locked banner says is turned off, so a disabled button is never a mystery. */
export const SECRETS_BLOCKED_ACTIONS =
  'Until then, adding a connection, changing credentials, signing in, pasting a token, renewing and the proxy password are turned off.';

/**
 * Why nothing secret can be stored now, or null when it can: a locked profile
 * (no keychain answered at start-up, or its key is missing) has no data key to
 * seal with, so a form would only fail at Save.
 */
export function secretsBlockedReason(snapshot: Pick<ListSnapshot, 'secretsLock'>): string | null {
  const lock = snapshot.secretsLock;
  if (!lock) return null;
  return lock.reason === 'keychain_unavailable'
    ? 'The system keychain is not available: nothing secret can be stored until it is (see the banner).'
    : 'TokenTray is locked: nothing secret can be stored until it is unlocked (see the banner).';
}

export function useSecretsBlocked(): string | null {
  const { snapshot } = useSnapshot();
  return snapshot ? secretsBlockedReason(snapshot) : null;
}
