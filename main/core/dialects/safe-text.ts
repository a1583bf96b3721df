/**
 * Server text shown to people. A server may echo the token it refused, so anything that looks
 * like a credential is hidden, and nothing longer than a sentence or two gets through.
 */
const MAX_DESCRIPTION_CHARS = 200;
/** Runs of token alphabet characters (Base64, Base64url, JWT dots, hex, UUID dashes). */
const TOKEN_LIKE_RUN = /[A-Za-z0-9+/=_~.:-]{12,}/g;
/** A plain word, perhaps capitalised, perhaps followed by punctuation: prose, not a credential. */
const PLAIN_WORD = /^[A-Za-z][a-z]{0,22}[.,:;]*$/;
const HIDDEN = '[hidden]';

/** The OAuth error codes TokenTray recognises (RFC 6749 §5.2). */
const KNOWN_CODES = new Set([
  'invalid_grant',
  'invalid_client',
  'invalid_request',
  'invalid_scope',
  'unsupported_grant_type',
  'unauthorized_client',
]);

/** The server's error description: control characters stripped, credentials hidden, at most 200 characters. */
export function safeDescription(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(TOKEN_LIKE_RUN, (run) => (PLAIN_WORD.test(run) ? run : HIDDEN))
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  const characters = [...text];
  return characters.length > MAX_DESCRIPTION_CHARS
    ? `${characters.slice(0, MAX_DESCRIPTION_CHARS - 1).join('')}…`
    : text;
}

/**
 * The server's error code, where it is safe to show: a known OAuth code, a short
 * lowercase_underscore name, or a short number. Anything else could be an echoed secret.
 */
export function safeErrorCode(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const code = value.trim();
  if (KNOWN_CODES.has(code)) return code;
  if (/^[a-z][a-z_]{0,39}$/.test(code)) return code;
  if (/^[A-Za-z0-9_.-]{1,11}$/.test(code)) return code;
  return undefined;
}
