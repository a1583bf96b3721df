/**
 * How long an import file (a plain export or a backup with secrets) may be, in characters.
 *
 * A backup carries every connection's secrets in its sealed text, and the sealed text is
 * base64url in the file (4/3 of its length). A connection with a 16 KiB access token, a 4 KiB
 * refresh token and its settings takes about 28.5 KB of backup, so 10,000 such connections
 * make a file of about 285 MB. The cap leaves room above that, and stays below the longest
 * string V8 holds (2^29 − 24 characters), which the whole file must fit in: a bigger file could
 * not be read at all. Whatever is longer is refused before it is parsed.
 */
export const IMPORT_MAX_CHARS = 400_000_000;

/** The cap as the window and error messages say it. */
export const IMPORT_MAX_TEXT = '400 MB';
