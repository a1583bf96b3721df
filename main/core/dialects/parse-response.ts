import type { DurationMs, EpochMs } from '../domain/ids';
import type { HttpFailure, HttpResponse } from '../http/http-client';
import { isJsonObject, readPath } from './json-path';
import type { ParsedRenewal } from './parsed-renewal';
import type { RenewalProfile } from '../domain/renewal-profile';
import { failedRenewal, followUpForCode, serverErrorIn } from './renewal-errors';
import { afterSeconds, clockSkewOf, expiryFrom, lifetimeAt, numberFrom } from './response-times';

const DAY = 24 * 3600 * 1000;
/** RFC 6749 Appendix A: tokens are visible ASCII; a space or line break would break the Authorization header. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * Reads a renewal answer defensively: success needs a success status, a JSON object and a usable
 * access token; everything else becomes a retry or a follow-up whose message never holds a token.
 */
export function parseRenewalResponse(profile: RenewalProfile, response: HttpResponse): ParsedRenewal {
  const skew = clockSkewOf(response);
  const json = parseJson(response.body);
  if (!profile.response.successStatus.includes(response.status)) {
    return failedRenewal(profile, response, json.ok ? json.value : undefined, skew);
  }
  const malformed = (what: string): ParsedRenewal => ({
    kind: 'followUp',
    reason: 'malformed_response',
    httpStatus: response.status,
    message: `The server's answer ${what}.`,
  });
  if (response.body.trim() === '') return malformed('was empty');
  if (!json.ok) {
    return malformed(
      /^\s*</.test(response.body)
        ? 'was a web page, not JSON; check the endpoint address'
        : 'was not valid JSON',
    );
  }
  if (!isJsonObject(json.value)) return malformed('was JSON, but not an object');
  const body = json.value;
  const paths = profile.response;

  const accessToken = readPath(body, paths.accessToken);
  if (accessToken === undefined || accessToken === null) {
    // Some servers answer 200 with an OAuth error body.
    return (
      followUpForCode(response.status, serverErrorIn(profile, body)) ??
      malformed(`had no access token at ${paths.accessToken}`)
    );
  }
  const access = readToken(accessToken);
  if ('problem' in access)
    return malformed(`had an access token at ${paths.accessToken} that ${access.problem}`);

  let refreshToken: string | null = null;
  if (paths.refreshToken) {
    const value = readPath(body, paths.refreshToken);
    // Absent or null: no rotation, the engine keeps the old one. Anything else must be a real token.
    if (value !== undefined && value !== null) {
      const refresh = readToken(value);
      if ('problem' in refresh) {
        return malformed(`had a refresh token at ${paths.refreshToken} that ${refresh.problem}`);
      }
      refreshToken = refresh.token;
    }
  }

  const { receivedAt } = response;
  const expiry = expiryFrom(paths.expiry, { body, accessToken: access.token, receivedAt, skew });
  return {
    kind: 'renewed',
    httpStatus: response.status,
    accessToken: access.token,
    refreshToken,
    tokenType: paths.tokenType ? (metadataText(readPath(body, paths.tokenType), 50) ?? null) : null,
    issuedAt: receivedAt,
    expiresAt: expiry.expiresAt,
    ...(expiry.unreadable !== null && { expiryUnreadable: expiry.unreadable }),
    refreshSuggestedAt: paths.refreshIn
      ? afterSeconds(numberFrom(readPath(body, paths.refreshIn)), receivedAt)
      : null,
    refreshExpiresAt: refreshExpiry(profile, body, receivedAt, skew, refreshToken !== null),
    ...optional('scope', paths.scope && metadataText(readPath(body, paths.scope), 2000)),
    ...optional('serverId', paths.serverId && metadataText(readPath(body, paths.serverId), 200)),
    ...optional('userId', paths.userId && metadataText(readPath(body, paths.userId), 200)),
    clockSkewMs: skew,
  };
}

/** A network failure, a timeout or an oversized answer, as the engine should treat it. */
export function classifyHttpFailure(failure: HttpFailure): ParsedRenewal {
  switch (failure.kind) {
    case 'network':
      return {
        kind: 'retry',
        reason: 'network',
        message: `The partner could not be reached (${failure.message}); TokenTray will try again.`,
      };
    case 'timeout':
      return {
        kind: 'retry',
        reason: 'timeout',
        // The failure names the deadline, so a person sees which timeout setting applied.
        message: `The partner did not answer in time (${failure.message}); TokenTray will try again.`,
      };
    case 'too_large':
      return {
        kind: 'followUp',
        reason: 'malformed_response',
        message: "The server's answer was far larger than a token answer; check the endpoint address.",
      };
    // Settings on this side, not the partner's refusal: retrying would fail the same way.
    case 'proxy_refused':
    case 'tls_untrusted':
    case 'tls_handshake':
      return { kind: 'followUp', reason: failure.kind, message: `${failure.message}.` };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A usable token, or what is wrong with it said without the value. */
function readToken(value: unknown): { token: string } | { problem: string } {
  if (typeof value !== 'string') return { problem: 'is not text' };
  if (value === '') return { problem: 'is empty' };
  if (!TOKEN_CHARACTERS.test(value)) return { problem: 'contains spaces or characters a token cannot have' };
  return { token: value };
}

/**
 * The server's refresh-token lifetime where it sends one (0 means "no limit" on servers such as
 * Keycloak, so it is skipped); else the profile's usual lifetime, counted only when the token rotated:
 * a refresh token that did not rotate keeps its old deadline, which the engine already holds.
 */
function refreshExpiry(
  profile: RenewalProfile,
  body: unknown,
  receivedAt: EpochMs,
  skew: DurationMs,
  rotated: boolean,
): EpochMs | null {
  for (const path of profile.response.refreshExpiresIn) {
    const value = readPath(body, path);
    if (numberFrom(value) !== 0) {
      const at = lifetimeAt(value, receivedAt, skew);
      if (at !== null) return at;
    }
  }
  const days = profile.refreshTokenLifetimeDays;
  return days !== undefined && rotated ? receivedAt + days * DAY : null;
}

/** Scope, ids and token type: text (or a number, or a list of words for scope), trimmed; anything else is dropped. */
function metadataText(value: unknown, maxLength: number): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) text = value.join(' ');
  text = text?.replace(/\p{Cc}/gu, ' ').trim();
  return text ? text.slice(0, maxLength) : undefined;
}

function optional<K extends string>(
  key: K,
  value: string | undefined | false | '',
): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
