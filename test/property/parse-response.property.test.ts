import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCustomProfile } from '../../main/core/dialects/custom-profile';
import { parseRenewalResponse } from '../../main/core/dialects/parse-response';
import { PRESET_PROFILES } from '../../main/core/dialects/presets';
import type { RenewalProfile } from '../../main/core/domain/renewal-profile';
import type { HttpResponse } from '../../main/core/http/http-client';
import { anyText, nearValidProfileArb, secretArb, textAround } from './arbitraries';

const KINDS = ['renewed', 'retry', 'followUp'];

/** Custom profiles that pass validation, drawn once: the property is about answers, not profiles. */
const customProfiles = fc
  .sample(nearValidProfileArb, 400)
  .map((input) => validateCustomProfile(input))
  .flatMap((check) => (check.ok ? [check.profile] : []));

const profileArb: fc.Arbitrary<RenewalProfile> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.values(PRESET_PROFILES)) },
  { weight: 1, arbitrary: fc.constantFrom(...customProfiles) },
);

/** Mostly statuses the profile counts as success, so that bodies get read, and any others. */
function statusArb(profile: RenewalProfile): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...profile.response.successStatus) },
    { weight: 1, arbitrary: fc.constantFrom(204, 301, 400, 401, 403, 408, 422, 429, 500, 502, 503) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }) },
  );
}

/** Where a profile reads things, so generated bodies hit the fields it looks at. */
function pathsOf(profile: RenewalProfile): string[] {
  const { response, errors } = profile;
  const expiryPaths = response.expiry.flatMap((source) => ('path' in source ? [source.path] : []));
  return [
    response.accessToken,
    response.refreshToken,
    response.tokenType,
    response.scope,
    response.serverId,
    response.userId,
    response.refreshIn,
    ...response.refreshExpiresIn,
    ...expiryPaths,
    errors.codePath,
    errors.descriptionPath,
  ].filter((path): path is string => path !== undefined);
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const steps = path.split('.');
  let node = root;
  for (const step of steps.slice(0, -1)) {
    const next = node[step];
    node[step] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node = node[step] as Record<string, unknown>;
  }
  node[steps.at(-1)!] = value;
}

/** A value for one field: the secret, the secret in some text, or any JSON. */
function fieldValue(secret: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(secret),
    textAround(secret),
    fc.constantFrom('invalid_grant', 'invalid_client', 3600, '3600', -1, 0, 1e300, null, true),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

/** Bodies in the profile's own shape with the secret planted in some of its fields, and plain junk. */
function bodyArb(profile: RenewalProfile, secret: string): fc.Arbitrary<string> {
  const paths = pathsOf(profile);
  const shaped = fc
    .array(fc.tuple(fc.constantFrom(...paths), fieldValue(secret)), { maxLength: paths.length + 2 })
    .map((entries) => {
      const body: Record<string, unknown> = {};
      for (const [path, value] of entries) setPath(body, path, value);
      return JSON.stringify(body);
    });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: shaped.chain((json) => fc.nat(json.length).map((cut) => json.slice(0, cut))) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: textAround(secret) },
    { weight: 1, arbitrary: fc.string() },
  );
}

function headersArb(secret: string): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(
    fc.constantFrom('date', 'retry-after', 'content-type', 'www-authenticate', 'x-request-id'),
    fc.oneof(
      anyText,
      textAround(secret),
      fc.constantFrom('120', '-5', '99999999999', 'Wed, 21 Oct 2015 07:28:00 GMT', 'text/html'),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    ),
    { maxKeys: 4 },
  );
}

const caseArb = fc.tuple(profileArb, secretArb).chain(([profile, secret]) =>
  fc.record({
    profile: fc.constant(profile),
    secret: fc.constant(secret),
    response: fc.record({
      status: statusArb(profile),
      headers: headersArb(secret),
      body: bodyArb(profile, secret),
      receivedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    }) as fc.Arbitrary<HttpResponse>,
  }),
);

describe('parseRenewalResponse over generated answers', () => {
  it('never throws, always answers renewed, retry or follow-up, and never repeats a planted secret', () => {
    const counts: Record<string, number> = { renewed: 0, retry: 0, followUp: 0 };
    fc.assert(
      fc.property(caseArb, ({ profile, secret, response }) => {
        const parsed = parseRenewalResponse(profile, response);
        expect(KINDS).toContain(parsed.kind);
        counts[parsed.kind]! += 1;
        if (parsed.kind === 'renewed') {
          expect(parsed.accessToken).toMatch(/^[\x21-\x7e]+$/);
          expect(parsed.expiresAt === null || Number.isFinite(parsed.expiresAt)).toBe(true);
          return;
        }
        expect(parsed.message).not.toContain(secret);
        expect(('serverError' in parsed && parsed.serverError) || '').not.toContain(secret);
        expect(typeof parsed.message).toBe('string');
      }),
      { numRuns: 3000 },
    );
    // The generators must reach every kind, or the property proves little.
    for (const kind of KINDS) expect(counts[kind]).toBeGreaterThan(50);
  });
});
