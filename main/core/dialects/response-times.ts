import { decodeJwt } from 'jose';
import type { DurationMs, EpochMs } from '../domain/ids';
import { boundedTime } from '../domain/time-range';
import type { HttpResponse } from '../http/http-client';
import { readPath } from './json-path';
import type { ExpirySource } from './profile';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
/**
 * A lifetime beyond ten years is a sentinel or a bug, not a real lifetime: it is treated as
 * unknown (null) rather than clamped, so the connection says "unknown" instead of planning a
 * renewal a decade away, and a later expiry source still gets its turn.
 */
const LONGEST_LIFETIME_MS = 10 * 365.25 * 24 * HOUR;
/** A server asking for more than an hour's pause is overruled: the token may expire meanwhile. */
export const LONGEST_RETRY_AFTER_MS = HOUR;
/** Epoch values this large are milliseconds, not seconds (1e11 s is the year 5138). */
const EPOCH_MS_THRESHOLD = 1e11;

/** Server clock minus local clock, from the `Date` header; 0 when it is absent or unreadable. */
export function clockSkewOf(response: HttpResponse): DurationMs {
  const serverDate = Date.parse(response.headers['date'] ?? '');
  return Number.isFinite(serverDate) ? serverDate - response.receivedAt : 0;
}

/** A finite number, or a string holding only one (`"3600"`); anything else is undefined. */
export function numberFrom(value: unknown): number | undefined {
  let number = NaN;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Seconds from the answer's arrival; 0 or less means already expired, absurd lengths mean unknown. */
export function afterSeconds(seconds: number | undefined, receivedAt: EpochMs): EpochMs | null {
  if (seconds === undefined) return null;
  if (seconds <= 0) return receivedAt;
  const ms = Math.round(seconds * SECOND);
  return ms > LONGEST_LIFETIME_MS ? null : boundedTime(receivedAt + ms);
}

/** An absolute time by the server's clock, moved onto the local clock. */
function fromServerTime(serverMs: number, receivedAt: EpochMs, skew: DurationMs): EpochMs | null {
  if (!Number.isFinite(serverMs) || serverMs <= 0) return null;
  const local = Math.round(serverMs - skew);
  return local - receivedAt > LONGEST_LIFETIME_MS ? null : boundedTime(local);
}

export interface ExpiryContext {
  body: unknown;
  accessToken: string;
  receivedAt: EpochMs;
  skew: DurationMs;
}

/** The first expiry source that yields a time wins; null when none does (unknown lifetime). */
export function expiryFrom(sources: readonly ExpirySource[], context: ExpiryContext): EpochMs | null {
  for (const source of sources) {
    const expiresAt = expiryFromSource(source, context);
    if (expiresAt !== null) return expiresAt;
  }
  return null;
}

function expiryFromSource(source: ExpirySource, { body, accessToken, receivedAt, skew }: ExpiryContext) {
  switch (source.kind) {
    case 'expiresIn':
      return afterSeconds(numberFrom(readPath(body, source.path)), receivedAt);
    case 'expiresAt': {
      const epoch = numberFrom(readPath(body, source.path));
      if (epoch === undefined) return null;
      return fromServerTime(epoch >= EPOCH_MS_THRESHOLD ? epoch : epoch * SECOND, receivedAt, skew);
    }
    case 'isoDate': {
      const text = readPath(body, source.path);
      // Date.parse also reads loose forms like "1"; an ISO date starts with its year.
      if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return null;
      return fromServerTime(Date.parse(text.trim()), receivedAt, skew);
    }
    case 'jwtExp':
      return fromServerTime(jwtExpSeconds(accessToken) * SECOND, receivedAt, skew);
  }
}

/** The `exp` claim of a JWT access token; NaN for an opaque token or a JWT without one. */
function jwtExpSeconds(accessToken: string): number {
  try {
    const { exp } = decodeJwt(accessToken);
    return typeof exp === 'number' ? exp : NaN;
  } catch {
    return NaN;
  }
}

/** `Retry-After` as delay seconds or an HTTP date (RFC 9110 §10.2.3), capped to an hour. */
export function retryAfterFrom(response: HttpResponse, skew: DurationMs): DurationMs | undefined {
  const value = response.headers['retry-after']?.trim();
  if (!value) return undefined;
  let delay: number;
  if (/^\d+$/.test(value)) {
    delay = Number(value) * SECOND;
  } else {
    const at = Date.parse(value);
    if (!Number.isFinite(at)) return undefined;
    // The date is by the server's clock; so is "now" once the skew is added.
    delay = at - (response.receivedAt + skew);
  }
  return Math.min(Math.max(delay, 0), LONGEST_RETRY_AFTER_MS);
}
