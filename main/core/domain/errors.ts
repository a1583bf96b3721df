import type { ErrorCode } from './error-codes';

/** An error the UI can show as it is: a code, a sentence for people, and what to do next. */
export class TokenTrayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly guidance: string[] = [],
  ) {
    super(message);
    this.name = 'TokenTrayError';
  }
}

/** What to do when the keychain does not answer; also the steps after retries that failed on it. */
export const KEYCHAIN_UNAVAILABLE_STEPS = [
  'On Linux, start a Secret Service such as gnome-keyring or KWallet and unlock it, then try again.',
  'TokenTray never stores secrets anywhere else: nothing was saved in plain text.',
];

/** No Secret Service / Keychain / Credential Manager answered. Nothing is stored elsewhere. */
export class KeychainUnavailableError extends TokenTrayError {
  constructor(
    /** What the keychain said, short and secret-free ("no Secret Service is running"). */
    readonly detail?: string,
  ) {
    super(
      'keychain_unavailable',
      'The system keychain cannot be reached, so TokenTray cannot read or store secrets.' +
        (detail ? ` (${detail})` : ''),
      [...KEYCHAIN_UNAVAILABLE_STEPS],
    );
    this.name = 'KeychainUnavailableError';
  }
}

export class ValidationError extends TokenTrayError {
  constructor(
    message: string,
    /** Field path → message, for forms. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super('invalid_input', message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends TokenTrayError {
  constructor(what: string) {
    super('not_found', `${what} was not found. It may have been removed.`);
    this.name = 'NotFoundError';
  }
}
