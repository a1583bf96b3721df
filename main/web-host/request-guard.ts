import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'tokentray_session';
export const TOKEN_HEADER = 'x-tokentray-token';

/** 32 random bytes per launch: the only thing that lets a page on this computer use the API. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * DNS rebinding: a foreign name resolving to 127.0.0.1 still sends its own Host,
 * so only the loopback names with this port are accepted.
 */
export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A cross-site page sends its own Origin; a request with none comes from the address bar or a non-browser client. */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The session cookie, or the header a non-browser client sends. */
export function hasSessionToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers[TOKEN_HEADER];
  if (typeof header === 'string' && sameToken(header, token)) return true;
  return cookieValues(request.headers.cookie, SESSION_COOKIE).some((value) => sameToken(value, token));
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Compared in constant time: hashing first makes the lengths equal. */
export function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
}
