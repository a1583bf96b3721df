import { TokenTrayError } from '../domain/errors';

/** The metadata file cannot be read as TokenTray data. Nothing is overwritten: a copy is set aside. */
export class StoreCorruptError extends TokenTrayError {
  constructor(
    readonly detail: string,
    /** The file that failed, where the data came from a file. */
    readonly filePath?: string,
    /** Where the unreadable file was copied, untouched. */
    readonly copyPath?: string,
  ) {
    super(
      'store_corrupt',
      filePath
        ? `TokenTray cannot read its data file ${filePath}: ${detail}.`
        : `TokenTray's data is not valid: ${detail}.`,
      [
        ...(copyPath ? [`A copy of the file as it was is kept at ${copyPath}.`] : []),
        'Restore the file from a backup, or fix it by hand, then start TokenTray again.',
        'To start with an empty profile instead, move the file away. Your secrets stay in the system keychain.',
      ],
    );
    this.name = 'StoreCorruptError';
  }
}

/** The file was written by a newer TokenTray; reading it here could drop what that version added. */
export class StoreTooNewError extends TokenTrayError {
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
    readonly filePath?: string,
  ) {
    super(
      'store_too_new',
      `${filePath ?? 'The data file'} was written by a newer TokenTray (data version ${fileVersion}; this one reads up to ${knownVersion}).`,
      ['Update TokenTray to the latest version. The file was left untouched.'],
    );
    this.name = 'StoreTooNewError';
  }
}
