import { describe, expect, it } from 'vitest';
import { randomNonce } from '../../../main/core/vault/nonces';

describe('nonces from the pooled random bytes', () => {
  it('hands out 12-byte nonces that never repeat and never change, across many refills of the pool', () => {
    const handedOut = Array.from({ length: 5_000 }, () => randomNonce(12));
    const copies = handedOut.map((nonce) => Buffer.from(nonce).toString('hex'));

    // Drawing more after them must not touch the bytes already handed out.
    for (let index = 0; index < 5_000; index++) randomNonce(12);

    expect(handedOut.every((nonce) => nonce.length === 12)).toBe(true);
    expect(handedOut.map((nonce) => nonce.toString('hex'))).toEqual(copies);
    expect(new Set(copies).size).toBe(copies.length);
  });

  it('gives a size larger than the pool in one piece', () => {
    expect(randomNonce(10_000).length).toBe(10_000);
  });
});
