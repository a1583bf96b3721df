import { createCipheriv, createDecipheriv } from 'node:crypto';
import { TokenTrayError } from '../domain/errors';
import { randomNonce } from './nonces';

/** Where a sealed value belongs: it opens only there (bound as GCM associated data). */
export interface SealPlace {
  profileId: string;
  connectionId: string;
  kind: string;
}

/** A fresh 96-bit nonce per seal: the size GCM is specified for (NIST SP 800-38D, 8.2). */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** The format's tag, first in every sealed value, so a later format can be told apart. */
const FORMAT = 's1';

/** A sealed value that does not open: damaged, moved from elsewhere, or sealed with another key. */
export class SealedValueUnreadableError extends TokenTrayError {
  constructor() {
    super('secret_unreadable', 'Its stored secret cannot be read: the profile file holding it is damaged.', [
      'Enter the secret again (edit the connection), or sign in again.',
    ]);
    this.name = 'SealedValueUnreadableError';
  }
}

/**
 * AES-256-GCM over the secret, with its place and the key's version as associated data:
 * `s1.<key version>.<nonce>.<ciphertext>.<tag>`, base64url. Not a secret itself.
 */
export function seal(key: Buffer, version: number, place: SealPlace, plaintext: string): string {
  const nonce = randomNonce(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(place, version));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, String(version), nonce, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The key version a sealed value names, or null when it is no sealed value. */
export function sealedVersion(sealed: string): number | null {
  return parse(sealed)?.version ?? null;
}

/** Opens a sealed value at its place; throws `SealedValueUnreadableError` when it does not authenticate. */
export function open(key: Buffer, place: SealPlace, sealed: string): string {
  return openWith(() => key, place, sealed);
}

/**
 * Opens a sealed value with the key of the version it names (`keyOf` gives none for a version it
 * does not hold): the value is parsed once, where `sealedVersion` then `open` would parse it twice.
 */
export function openWith(
  keyOf: (version: number) => Buffer | undefined,
  place: SealPlace,
  sealed: string,
): string {
  const parts = parse(sealed);
  const key = parts ? keyOf(parts.version) : undefined;
  if (!parts || !key) throw new SealedValueUnreadableError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(place, parts.version));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueUnreadableError();
  }
}

function associatedData(place: SealPlace, version: number): Buffer {
  return Buffer.from(
    JSON.stringify(['TokenTray sealed secret', place.profileId, place.connectionId, place.kind, version]),
  );
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parse(sealed: string) {
  const [format, version, nonce, ciphertext, tag, ...rest] = sealed.split('.');
  if (format !== FORMAT || rest.length > 0 || !version || !/^[1-9][0-9]{0,8}$/.test(version)) return null;
  if (nonce === undefined || ciphertext === undefined || tag === undefined) return null;
  if (![nonce, ciphertext, tag].every((part) => BASE64URL.test(part))) return null;
  const parts = {
    version: Number(version),
    nonce: Buffer.from(nonce, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
  return parts.nonce.length === NONCE_BYTES && parts.tag.length === TAG_BYTES ? parts : null;
}
