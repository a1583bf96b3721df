import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SealPlace } from '../../../main/core/vault/seal';
import { open, seal, SealedValueUnreadableError, sealedVersion } from '../../../main/core/vault/seal';

const key = randomBytes(32);
const place: SealPlace = { profileId: 'profile-1', connectionId: 'connection-a', kind: 'refreshToken' };
const secret = 'rt-' + 'x'.repeat(40);

/** Flips one bit in one base64url part of a sealed value (1 nonce, 2 ciphertext, 3 tag after the version). */
function flipBit(sealed: string, partIndex: number, byte = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[partIndex]!, 'base64url');
  bytes[byte]! ^= 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealing a secret', () => {
  it('opens at its own place with its own key, and holds no trace of the secret', () => {
    const sealed = seal(key, 3, place, secret);
    expect(sealed).not.toContain(secret);
    expect(sealedVersion(sealed)).toBe(3);
    expect(open(key, place, sealed)).toBe(secret);
  });

  it('uses a fresh nonce every time: the same secret sealed twice differs', () => {
    const a = seal(key, 1, place, secret);
    const b = seal(key, 1, place, secret);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('keeps a 16 KiB access token whole', () => {
    const long = 'eyJ' + 'a'.repeat(16 * 1024);
    expect(open(key, place, seal(key, 1, place, long))).toBe(long);
  });

  it.each([
    ['the nonce', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])('a flipped bit in %s does not open', (_, partIndex) => {
    const sealed = seal(key, 1, place, secret);
    expect(() => open(key, place, flipBit(sealed, partIndex))).toThrow(SealedValueUnreadableError);
  });

  it('a value moved to another connection, another kind or another profile does not open', () => {
    const sealed = seal(key, 1, place, secret);
    for (const elsewhere of [
      { ...place, connectionId: 'connection-b' },
      { ...place, kind: 'accessToken' },
      { ...place, profileId: 'profile-2' },
    ]) {
      expect(() => open(key, elsewhere, sealed)).toThrow(SealedValueUnreadableError);
    }
  });

  it('two connections swapping their values open neither', () => {
    const other = { ...place, connectionId: 'connection-b' };
    const sealedA = seal(key, 1, place, secret);
    const sealedB = seal(key, 1, other, 'another');
    expect(() => open(key, place, sealedB)).toThrow(SealedValueUnreadableError);
    expect(() => open(key, other, sealedA)).toThrow(SealedValueUnreadableError);
  });

  it('a value relabelled with another key version, or opened with another key, does not open', () => {
    const sealed = seal(key, 1, place, secret);
    expect(() => open(key, place, sealed.replace(/^s1\.1\./, 's1.2.'))).toThrow(SealedValueUnreadableError);
    expect(() => open(randomBytes(32), place, sealed)).toThrow(SealedValueUnreadableError);
  });

  it('a truncated or malformed value is unreadable, never a crash', () => {
    const sealed = seal(key, 1, place, secret);
    for (const broken of [sealed.slice(0, -3), sealed.slice(0, 20), '', 'plain-token', `${sealed}.x`]) {
      expect(() => open(key, place, broken)).toThrow(SealedValueUnreadableError);
    }
    expect(sealedVersion('plain-token')).toBeNull();
  });

  it('the unreadable error names no secret and says what to do', () => {
    const error = new SealedValueUnreadableError();
    expect(error.code).toBe('secret_unreadable');
    expect(error.message).toMatch(/cannot be read/);
    expect(error.guidance.length).toBeGreaterThan(0);
  });
});
