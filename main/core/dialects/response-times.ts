import { decodeJwt } from 'jose';
import type { DurationMs, EpochMs } from '../domain/ids';
import { boundedTime } from '../domain/time-range';
import type { HttpResponse } from '../http/http-client';
import { readPath } from './json-path';
import type { ExpirySource } from '../domain/renewal-profile';

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

/**
 * What an expiry field held: nothing, a time (null where it is a sentinel such as "in a century",
 * read as unknown on purpose), or something present that is not a time, described by its shape
 * only: the value itself may be anything a server sends and never reaches a message.
 */
export type ExpiryReading = { at: EpochMs | null } | { unreadable: string } | undefined;

/** A time value as partner APIs write one, before it is known whether the field wants a lifetime or an instant. */
export type TimeValue =
  | { kind: 'absent' }
  /** A count of seconds (a lifetime, `expires_in`). */
  | { kind: 'seconds'; seconds: number }
  /** An instant by the server's clock. */
  | { kind: 'instant'; epochMs: number }
  | { kind: 'unreadable'; shape: string };

/**
 * Numbers from here up are epoch seconds, not a lifetime: 1e9 s is 2001-09-09, and 31 years
 * is no token's lifetime. From EPOCH_MS_THRESHOLD up they are epoch milliseconds.
 */
const EPOCH_SECONDS_THRESHOLD = 1e9;

/**
 * Reads epoch seconds or milliseconds (by magnitude) and small counts of seconds, as numbers or
 * numeric strings, ISO 8601 dates (a date-time without an offset is UTC, as servers mean it) and
 * RFC 1123 dates (the HTTP date of RFC 9110 §5.6.7, with a numeric zone as RFC 5322 allows).
 */
export function readTimeValue(value: unknown): TimeValue {
  if (value === undefined || value === null) return { kind: 'absent' };
  const number = numberFrom(value);
  if (number !== undefined) {
    if (Math.abs(number) < EPOCH_SECONDS_THRESHOLD) return { kind: 'seconds', seconds: number };
    return { kind: 'instant', epochMs: number >= EPOCH_MS_THRESHOLD ? number : number * SECOND };
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return { kind: 'unreadable', shape: 'an empty string' };
    const at = isoDateMs(value.trim()) ?? rfc1123DateMs(value.trim());
    return at === null
      ? { kind: 'unreadable', shape: 'a string that is neither a number nor a date' }
      : { kind: 'instant', epochMs: at };
  }
  return { kind: 'unreadable', shape: shapeOf(value) };
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** An ISO 8601 calendar date or date-time (RFC 3339 and its common relatives), or null. */
function isoDateMs(text: string): number | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Math.floor(Number(`0.${fraction || '0'}`) * 1000));
  // Date.UTC rolls 31 February over into March: a field out of its range is not a date.
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return (zone.startsWith('-') ? -1 : 1) * minutes * 60_000;
}

const RFC_1123 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:GMT|UTC|UT|[+-]\d{4})$/i;

/** An RFC 1123 date, or null; its shape is checked first, as Date.parse reads almost anything. */
function rfc1123DateMs(text: string): number | null {
  if (!RFC_1123.test(text)) return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : null;
}

/** The shape of a value that is not a time, for a message that must not hold the value. */
function shapeOf(value: unknown): string {
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'number') return 'a number that is not finite';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a value of type ${typeof value}`;
}

/** An absolute time by the server's clock, moved onto the local clock. */
function fromServerTime(serverMs: number, receivedAt: EpochMs, skew: DurationMs): ExpiryReading {
  const local = Math.round(serverMs - skew);
  // A time so far ahead is a sentinel ("never") or a bug: unknown, on purpose, not a warning.
  if (local - receivedAt > LONGEST_LIFETIME_MS) return { at: null };
  const at = boundedTime(local);
  return at === null ? { unreadable: 'a date before the year 2000' } : { at };
}

/**
 * A lifetime field (`expires_in`: seconds from the answer, or an instant where the server sent
 * one) or an instant field (`expires_at`, a date, a JWT's `exp`: a small number is not one).
 */
function readingOf(
  field: 'lifetime' | 'instant',
  value: unknown,
  receivedAt: EpochMs,
  skew: DurationMs,
): ExpiryReading {
  const time = readTimeValue(value);
  switch (time.kind) {
    case 'absent':
      return undefined;
    case 'unreadable':
      return { unreadable: time.shape };
    case 'seconds':
      return field === 'lifetime'
        ? { at: afterSeconds(time.seconds, receivedAt) }
        : { unreadable: 'a number too small to be a date' };
    case 'instant':
      return fromServerTime(time.epochMs, receivedAt, skew);
  }
}

export interface ExpiryContext {
  body: unknown;
  accessToken: string;
  receivedAt: EpochMs;
  skew: DurationMs;
}

export interface Expiry {
  /** Null when no source gave a time: an unknown lifetime. */
  expiresAt: EpochMs | null;
  /** Set when no source gave a time and one held something that is not a time: which field, and its shape. */
  unreadable: string | null;
}

/** The first expiry source that yields a time wins; a field that holds something else is reported if none does. */
export function expiryFrom(sources: readonly ExpirySource[], context: ExpiryContext): Expiry {
  let unreadable: string | null = null;
  for (const source of sources) {
    const reading = expiryFromSource(source, context);
    if (reading && 'at' in reading && reading.at !== null) return { expiresAt: reading.at, unreadable: null };
    if (reading && 'unreadable' in reading) {
      unreadable ??= `${source.kind === 'jwtExp' ? "the access token's exp claim" : source.path} held ${reading.unreadable}`;
    }
  }
  return { expiresAt: null, unreadable };
}

/** The lifetime in a field such as `refresh_expires_in`, read like any expiry; null where there is none. */
export function lifetimeAt(value: unknown, receivedAt: EpochMs, skew: DurationMs): EpochMs | null {
  const reading = readingOf('lifetime', value, receivedAt, skew);
  return reading && 'at' in reading ? reading.at : null;
}

function expiryFromSource(source: ExpirySource, { body, accessToken, receivedAt, skew }: ExpiryContext) {
  switch (source.kind) {
    case 'expiresIn':
      return readingOf('lifetime', readPath(body, source.path), receivedAt, skew);
    case 'expiresAt':
    case 'isoDate':
      return readingOf('instant', readPath(body, source.path), receivedAt, skew);
    case 'jwtExp':
      return readingOf('instant', jwtExp(accessToken), receivedAt, skew);
  }
}

/** The `exp` claim of a JWT access token, as it is; undefined for an opaque token or a JWT without one. */
function jwtExp(accessToken: string): unknown {
  try {
    return decodeJwt(accessToken).exp;
  } catch {
    return undefined;
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
