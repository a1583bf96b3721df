import { describe, expect, it } from 'vitest';
import { parseRenewalResponse } from '../../../main/core/dialects/parse-response';
import { PRESET_PROFILES } from '../../../main/core/dialects/presets';
import type { RenewalProfile } from '../../../main/core/domain/renewal-profile';
import { RenewalProfileSchema } from '../../../main/core/domain/renewal-profile';
import { readTimeValue } from '../../../main/core/dialects/response-times';
import { RECEIVED_AT, jsonResponse, jwtWith } from './fixtures';

const HOUR = 3_600_000;
/** An hour after the answer, on a whole second so every format can say it exactly. */
const AT = RECEIVED_AT + HOUR;

/** The same instant in every form a partner writes one. */
const INSTANT_FORMS: Array<[string, unknown]> = [
  ['epoch seconds', AT / 1000],
  ['epoch milliseconds', AT],
  ['epoch seconds as a string', String(AT / 1000)],
  ['epoch milliseconds as a string', String(AT)],
  ['ISO 8601 in UTC', new Date(AT).toISOString()],
  ['ISO 8601 without milliseconds', new Date(AT).toISOString().replace('.000', '')],
  ['ISO 8601 with an offset', '2025-01-15T14:00:00+01:00'],
  ['ISO 8601 without an offset (read as UTC)', '2025-01-15T13:00:00'],
  ['RFC 1123', new Date(AT).toUTCString()],
  ['RFC 1123 with a numeric zone', '15 Jan 2025 13:00:00 +0000'],
];

/** A custom profile reading an instant at `valid_until`, as a person would define it. */
const custom = RenewalProfileSchema.parse({
  request: { body: { encoding: 'json', fields: {} } },
  response: { accessToken: 'token', expiry: [{ kind: 'expiresAt', path: 'valid_until' }] },
});
const customLifetime = RenewalProfileSchema.parse({
  request: { body: { encoding: 'json', fields: {} } },
  response: { accessToken: 'token', expiry: [{ kind: 'expiresIn', path: 'ttl' }] },
});

/** An answer with a token where the profile reads it and `value` where it reads the expiry. */
function answerWith(profile: RenewalProfile, value: unknown) {
  const body: Record<string, unknown> = {};
  const source = profile.response.expiry[0]!;
  const accessToken = source.kind === 'jwtExp' ? jwtWith({ exp: value }) : 'at-1';
  setPath(body, profile.response.accessToken, accessToken);
  if ('path' in source) setPath(body, source.path, value);
  const parsed = parseRenewalResponse(profile, jsonResponse(profile.response.successStatus[0]!, body));
  if (parsed.kind !== 'renewed') throw new Error(`not renewed: ${parsed.kind}`);
  return parsed;
}

function setPath(body: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = body;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

const PROFILES: Array<[string, RenewalProfile]> = [
  ...Object.entries(PRESET_PROFILES),
  ['custom (expiresAt)', custom],
  ['custom (expiresIn)', customLifetime],
];

describe('every preset and custom profile reads an expiry in every common form', () => {
  for (const [name, profile] of PROFILES) {
    it.each(INSTANT_FORMS)(`${name}: %s`, (_form, value) => {
      expect(answerWith(profile, value)).toMatchObject({ expiresAt: AT });
      expect(answerWith(profile, value).expiryUnreadable).toBeUndefined();
    });
  }

  it('reads a lifetime field as seconds from the answer, a number or a numeric string', () => {
    for (const profile of [PRESET_PROFILES.oauth2, PRESET_PROFILES['partner-header'], customLifetime]) {
      expect(answerWith(profile, 3600).expiresAt).toBe(AT);
      expect(answerWith(profile, '3600').expiresAt).toBe(AT);
    }
  });
});

describe('an expiry that is present but not a time', () => {
  it.each([
    ['a word', 'soon', 'a string that is neither a number nor a date'],
    ['an empty string', '  ', 'an empty string'],
    ['an object', { seconds: 3600 }, 'an object'],
    ['a list', [3600], 'a list'],
    ['true', true, 'true or false'],
    ['a date that does not exist', '2025-02-30T10:00:00Z', 'a string that is neither a number nor a date'],
  ])('is reported as %s by its shape, never its value', (_name, value, shape) => {
    const parsed = answerWith(PRESET_PROFILES['oauth-tokens-envelope'], value);
    expect(parsed.expiresAt).toBeNull();
    expect(parsed.expiryUnreadable).toBe(`data.expires_at held ${shape}`);
    if (typeof value === 'string' && value.trim()) expect(parsed.expiryUnreadable).not.toContain(value);
  });

  it('calls a small number in an instant field too small to be a date', () => {
    expect(answerWith(custom, 3600).expiryUnreadable).toBe(
      'valid_until held a number too small to be a date',
    );
  });

  it("names a JWT's exp claim that is not a time", () => {
    expect(answerWith(PRESET_PROFILES['bearer-rotation'], 'tomorrow').expiryUnreadable).toBe(
      "the access token's exp claim held a string that is neither a number nor a date",
    );
  });

  it('is not reported when a later source gives the time, nor when the field is absent', () => {
    const fallback = RenewalProfileSchema.parse({
      request: { body: { encoding: 'json', fields: {} } },
      response: {
        accessToken: 'token',
        expiry: [
          { kind: 'expiresIn', path: 'ttl' },
          { kind: 'isoDate', path: 'valid_until' },
        ],
      },
    });
    const parsed = parseRenewalResponse(
      fallback,
      jsonResponse(200, { token: 'at-1', ttl: 'n/a', valid_until: new Date(AT).toUTCString() }),
    );
    expect(parsed).toMatchObject({ kind: 'renewed', expiresAt: AT });
    expect(parsed.kind === 'renewed' && parsed.expiryUnreadable).toBeUndefined();
    expect(answerWith(PRESET_PROFILES.oauth2, undefined).expiryUnreadable).toBeUndefined();
    expect(answerWith(PRESET_PROFILES.oauth2, null).expiryUnreadable).toBeUndefined();
  });
});

describe('reading a time value', () => {
  it('tells seconds of life from epoch seconds and milliseconds by magnitude', () => {
    expect(readTimeValue(3600)).toEqual({ kind: 'seconds', seconds: 3600 });
    expect(readTimeValue(1_736_946_000)).toEqual({ kind: 'instant', epochMs: 1_736_946_000_000 });
    expect(readTimeValue(1_736_946_000_123)).toEqual({ kind: 'instant', epochMs: 1_736_946_000_123 });
    expect(readTimeValue(' 1736946000 ')).toEqual({ kind: 'instant', epochMs: 1_736_946_000_000 });
  });
});
