import { randomFillSync } from 'node:crypto';

/** Enough nonces for a few hundred seals per fill of the pool. */
const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let used = 0;

/**
 * `size` bytes from the operating system's CSPRNG, taken from a pool filled in large chunks: one
 * call to the generator per few hundred seals instead of one each. Every byte is handed out once;
 * a spent pool is replaced by a new buffer, never refilled, so a nonce handed out stays as it was.
 */
export function randomNonce(size: number): Buffer {
  if (used + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(Math.max(POOL_BYTES, size)));
    used = 0;
  }
  const nonce = pool.subarray(used, used + size);
  used += size;
  return nonce;
}
