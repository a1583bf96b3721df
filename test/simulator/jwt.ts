import { createHmac } from 'node:crypto';

/** A compact HS256 JWT (RFC 7519): bearer-rotation's access tokens carry their expiry in the `exp` claim. */
export function signJwt(claims: Record<string, unknown>, key: Buffer): string {
  const header = encodeSegment({ alg: 'HS256', typ: 'JWT' });
  const payload = encodeSegment(claims);
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
