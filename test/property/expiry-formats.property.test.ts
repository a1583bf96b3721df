import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRenewalResponse } from '../../main/core/dialects/parse-response';
import { PRESET_PROFILES } from '../../main/core/dialects/presets';
import { readTimeValue } from '../../main/core/dialects/response-times';
import type { HttpResponse } from '../../main/core/http/http-client';

/**
 * Where magnitude tells the forms apart: epoch seconds from 1e9 (2001-09-09, below it a lifetime)
 * up to 1e11 (the year 5138, from there on milliseconds).
 */
const instantArb = fc.integer({ min: 1e9, max: 1e11 - 1 }).map((seconds) => seconds * 1000);

const SHAPES = [
  'an empty string',
  'a string that is neither a number nor a date',
  'true or false',
  'a list',
  'an object',
];

/** Every written form of one instant, at second precision (RFC 1123 has no milliseconds). */
function formsOf(at: number): unknown[] {
  const date = new Date(at);
  const iso = date.toISOString();
  const offsetHours = (at / 1000) % 14;
  const shifted = new Date(at + offsetHours * 3_600_000).toISOString().slice(0, 19);
  return [
    at / 1000,
    at,
    String(at / 1000),
    String(at),
    iso,
    iso.replace('.000Z', 'Z'),
    iso.slice(0, 19),
    `${shifted}+${String(offsetHours).padStart(2, '0')}:00`,
    date.toUTCString(),
  ];
}

describe('time values, property-based', () => {
  it('reads every form of an instant back to the same instant', () => {
    fc.assert(
      fc.property(instantArb, (at) => {
        for (const form of formsOf(at)) {
          expect(readTimeValue(form), String(form)).toEqual({ kind: 'instant', epochMs: at });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a count under a billion as seconds of life, a number or a numeric string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (seconds) => {
        expect(readTimeValue(seconds)).toEqual({ kind: 'seconds', seconds });
        expect(readTimeValue(String(seconds))).toEqual({ kind: 'seconds', seconds });
      }),
    );
  });

  it('never throws on any JSON value, and describes what it cannot read by a shape that never quotes it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const time = readTimeValue(value);
        if (time.kind === 'unreadable') expect(SHAPES).toContain(time.shape);
      }),
      { numRuns: 500 },
    );
  });

  it('gives every preset the instant its answer names, in any form, within ten years of the answer', () => {
    const receivedAt = Date.UTC(2026, 0, 1);
    const soonArb = fc
      .integer({ min: receivedAt / 1000 + 1, max: receivedAt / 1000 + 9 * 365 * 86_400 })
      .map((s) => s * 1000);
    fc.assert(
      fc.property(soonArb, fc.nat(8), (at, formIndex) => {
        const form = formsOf(at)[formIndex];
        const response = (body: unknown): HttpResponse => ({
          status: 200,
          headers: {},
          body: JSON.stringify(body),
          receivedAt,
        });
        const oauth2 = parseRenewalResponse(
          PRESET_PROFILES.oauth2,
          response({ access_token: 'at-1', expires_in: form }),
        );
        const envelope = parseRenewalResponse(PRESET_PROFILES['oauth-tokens-envelope'], {
          ...response({ data: { value: 'at-1', expires_at: form } }),
          status: 201,
        });
        expect(oauth2).toMatchObject({ kind: 'renewed', expiresAt: at });
        expect(envelope).toMatchObject({ kind: 'renewed', expiresAt: at });
      }),
      { numRuns: 200 },
    );
  });
});
