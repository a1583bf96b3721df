import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { TokenTrayError } from '../domain/errors';
import type { EpochMs } from '../domain/ids';
import { DATA_KEY_BYTES, dataKeyAccount, readDataKey } from '../vault/data-key';
import type { KeychainItems } from '../vault/secret-vault';

/** How long a join code works unless the caller says otherwise. */
export const JOIN_CODE_LIFETIME_MS = 15 * 60_000;

/** `tj1.<code id>.<secret>`: the id finds the row, the secret derives the key that unwraps it. */
const CODE_FORMAT = 'tj1';
const CODE_ID_BYTES = 8;
/**
 * 128 random bits: too many to try offline even by someone who reads the database, which is why
 * HKDF (RFC 5869) is enough here and no slow password hash is needed.
 */
const CODE_SECRET_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface JoinCode {
  /** Shown once to the member who made it; never stored. */
  code: string;
  expiresAt: EpochMs;
}

/** The workspace's current data key, as the member who makes the code holds it. */
export interface WorkspaceKey {
  workspaceId: string;
  version: number;
  key: Buffer;
}

/** The code's row as redeeming reads it: the data key wrapped, its expiry, whether it was used. Never the code. */
interface StoredJoinCode {
  key_version: number;
  wrapped: string;
  expires_at: string;
  used_at: Date | null;
  /** The database's clock, epoch milliseconds. */
  db_now: string;
}

function invalidCode(): TokenTrayError {
  return new TokenTrayError(
    'join_code_invalid',
    'This join code is not one this workspace made, or it was changed on the way.',
    [
      'Paste the whole code exactly as it was given, with the database URL it came with.',
      'If it still fails, ask a member to make a new join code.',
    ],
  );
}

/** Binds the wrap to its workspace, its code and its expiry: changing any of them in the database breaks it. */
function associatedData(workspaceId: string, codeId: string, version: number, expiresAt: number): Buffer {
  return Buffer.from(JSON.stringify(['TokenTray join code', workspaceId, codeId, version, expiresAt]));
}

function wrappingKey(secret: Buffer, codeId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.from(codeId), 'TokenTray join code v1', 32));
}

function parseCode(code: string): { codeId: string; secret: Buffer } {
  const [format, codeId, secret, ...rest] = code.trim().split('.');
  if (format !== CODE_FORMAT || rest.length > 0 || !codeId || !secret) throw invalidCode();
  if (!/^[0-9a-f]+$/.test(codeId) || codeId.length !== CODE_ID_BYTES * 2) throw invalidCode();
  if (!/^[A-Za-z0-9_-]+$/.test(secret)) throw invalidCode();
  const bytes = Buffer.from(secret, 'base64url');
  if (bytes.length !== CODE_SECRET_BYTES || bytes.toString('base64url') !== secret) throw invalidCode();
  return { codeId, secret: bytes };
}

/**
 * A new one-time join code for the workspace: its data key wrapped (AES-256-GCM) under a key
 * derived from a random secret that only the returned code carries. Codes past their expiry
 * lose their wrapped key here, so the database keeps none longer than needed.
 */
export async function createJoinCode(
  pool: pg.Pool,
  workspaceKey: WorkspaceKey,
  /** `memberId`: who makes it, by the id that outlasts their display name (workspace-member.ts). */
  options: { memberId: string; now: EpochMs; lifetimeMs?: number },
): Promise<JoinCode> {
  const codeId = randomBytes(CODE_ID_BYTES).toString('hex');
  const secret = randomBytes(CODE_SECRET_BYTES);
  const expiresAt = options.now + (options.lifetimeMs ?? JOIN_CODE_LIFETIME_MS);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, codeId), nonce, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(associatedData(workspaceKey.workspaceId, codeId, workspaceKey.version, expiresAt));
  const wrapped = Buffer.concat([
    nonce,
    cipher.update(workspaceKey.key),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  await pool.query("UPDATE join_codes SET wrapped = '' WHERE expires_at <= $1 AND wrapped <> ''", [
    options.now,
  ]);
  await pool.query(
    'INSERT INTO join_codes (id, key_version, wrapped, expires_at, created_by_member) VALUES ($1, $2, $3, $4, $5)',
    [codeId, workspaceKey.version, wrapped.toString('base64url'), expiresAt, options.memberId],
  );
  return { code: [CODE_FORMAT, codeId, secret.toString('base64url')].join('.'), expiresAt };
}

/**
 * Redeems a join code on a member's first start: the data key is unwrapped, stored in this
 * member's keychain and read back, and only then is the code marked used, in the same
 * transaction that found it unused (its row locked), so two people cannot both use it and a
 * keychain that failed leaves the code usable. Refuses a code used before, expired or altered.
 */
export async function redeemJoinCode(
  client: pg.ClientBase,
  code: string,
  /** `memberId`: the joining member's id, recorded as the code's user. */
  options: { keychain: KeychainItems; memberId: string; now: EpochMs },
): Promise<void> {
  const { codeId, secret } = parseCode(code);
  await client.query('BEGIN');
  try {
    const found = await client.query<StoredJoinCode>(
      `SELECT key_version, wrapped, expires_at, used_at, (extract(epoch FROM now()) * 1000)::bigint AS db_now
         FROM join_codes WHERE id = $1 FOR UPDATE`,
      [codeId],
    );
    const row = found.rows[0];
    if (!row) throw invalidCode();
    if (row.used_at !== null) {
      throw new TokenTrayError('join_code_used', 'This join code has already been used: each works once.', [
        'Ask a member of the workspace to make a new join code for you.',
      ]);
    }
    const expiresAt = Number(row.expires_at);
    // The database's clock too: a joining computer whose clock runs late must not lengthen a code's life.
    const now = Math.max(options.now, Number(row.db_now));
    if (expiresAt <= now || row.wrapped === '') {
      throw new TokenTrayError('join_code_expired', 'This join code has expired.', [
        `Join codes work for ${JOIN_CODE_LIFETIME_MS / 60_000} minutes. Ask a member for a new one.`,
      ]);
    }
    const sealing = await client.query<{ record: { profileId: string } }>('SELECT record FROM sealing');
    const workspaceId = sealing.rows[0]?.record.profileId;
    if (workspaceId === undefined) throw invalidCode();
    const aad = associatedData(workspaceId, codeId, row.key_version, expiresAt);
    const key = unwrap(row.wrapped, wrappingKey(secret, codeId), aad);
    await storeKey(options.keychain, workspaceId, row.key_version, key);
    await client.query(
      "UPDATE join_codes SET wrapped = '', used_at = now(), used_by_member = $2 WHERE id = $1",
      [codeId, options.memberId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function unwrap(stored: string, key: Buffer, aad: Buffer): Buffer {
  const wrapped = Buffer.from(stored, 'base64url');
  if (wrapped.length !== NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES) throw invalidCode();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, NONCE_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(wrapped.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
  } catch {
    throw invalidCode();
  }
}

/** The data key under its keychain name, read back before the code is spent on it. */
async function storeKey(keychain: KeychainItems, workspaceId: string, version: number, key: Buffer) {
  await keychain.writeItem(dataKeyAccount(workspaceId, version), key.toString('base64'));
  const kept = await readDataKey(keychain, workspaceId, version);
  if (!kept || !timingSafeEqual(kept, key)) {
    throw new TokenTrayError('keychain_write_unconfirmed', 'The keychain did not keep the workspace key.', [
      'The join code was not used up: check that your keychain is unlocked, then try again.',
    ]);
  }
}
