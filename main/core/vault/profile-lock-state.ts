import { keychainHelp } from './keychain-help';

import type { LockReason } from '../domain/lock-reasons';

export type { LockReason } from '../domain/lock-reasons';

/** What the window and `npm run serve` say while the profile is locked. */
export interface SecretsLock {
  reason: LockReason;
  message: string;
  guidance: string[];
  /** Commands to paste into a terminal (the keychain is out of reach: how to start one here). */
  commands?: string[];
}

const NOTHING_CHANGED = 'Until then nothing renews and nothing stored is changed or overwritten.';
const START_OVER =
  'If the key is lost for good, choose "Start over": the stored secrets are cleared, every connection keeps its settings and asks for its credentials again.';

export function secretsLock(reason: LockReason, detail?: string): SecretsLock {
  switch (reason) {
    case 'keychain_unavailable': {
      const help = keychainHelp();
      return {
        reason,
        message:
          "The system keychain could not be reached at start-up, so this profile's secrets stay locked." +
          (detail ? ` (${detail})` : ''),
        guidance: [...help.steps, NOTHING_CHANGED],
        commands: help.commands,
      };
    }
    case 'key_missing':
      return {
        reason,
        message:
          "The system keychain no longer holds this profile's data key: the keychain was reset or replaced, or the profile came from another computer.",
        guidance: [
          'If you can restore the keychain (a backup, the old login keyring), do so and restart TokenTray.',
          START_OVER,
          NOTHING_CHANGED,
        ],
      };
    case 'migration_unconfirmed':
      return {
        reason,
        message:
          "Moving this profile's secrets out of the system keychain could not be confirmed: a sealed secret did not read back the same. The keychain keeps every one of them.",
        guidance: [
          'Restart TokenTray to move them again: nothing was deleted from the keychain.',
          'If it happens again, check the disk that holds the profile folder (free space, disk errors).',
          NOTHING_CHANGED,
        ],
      };
    case 'key_mismatch':
      return {
        reason,
        message: "The data key in the system keychain does not open this profile's secrets.",
        guidance: [
          'If another TokenTray profile or an older keychain holds the right key, restore it and restart TokenTray.',
          START_OVER,
          NOTHING_CHANGED,
        ],
      };
  }
}
