import fc from 'fast-check';
import { TEMPLATE_VARIABLES } from '../../main/core/domain/renewal-profile';
import { PRESET_PROFILES } from '../../main/core/dialects/presets';

/**
 * Generators shared by the property tests: credential-like secrets, near-valid renewal profiles
 * (the shapes a person or a file would get almost right) and plain junk.
 */

/** Characters of Base64, Base64url, JWTs and hex: what real tokens are made of. */
const TOKEN_CHARACTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/='];

/**
 * A secret of 16 characters or more, as issuers make them: Base64url, hex, a JWT or random token text.
 * Left out: one that reads as a single word or an error code (`Abcdefghijklmnopq`, `some_error_name`),
 * which the server-text filters keep on purpose so that prose stays readable.
 */
export const secretArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.uint8Array({ minLength: 12, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc.uint8Array({ minLength: 8, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex')),
    fc
      .tuple(fc.uint8Array({ minLength: 8, maxLength: 24 }), fc.uint8Array({ minLength: 8, maxLength: 24 }))
      .map(
        ([a, b]) =>
          `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(a).toString('base64url')}.${Buffer.from(b).toString('base64url')}`,
      ),
    fc.string({ unit: fc.constantFrom(...TOKEN_CHARACTERS), minLength: 16, maxLength: 64 }),
  )
  .filter((secret) => secret.length >= 16 && !readsAsWordOrCode(secret));

function readsAsWordOrCode(text: string): boolean {
  return /^[A-Za-z][a-z]*[.,:;]*$/.test(text) || /^[a-z][a-z_]*$/.test(text);
}

/** Text around a planted secret: anything, including control characters and other scripts. */
export const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\n', 'token ', 'refresh_token=', '"', '\u200b', 'Bearer '),
);

/** The secret somewhere inside some text. */
export function textAround(secret: string): fc.Arbitrary<string> {
  return fc.tuple(anyText, anyText).map(([before, after]) => `${before}${secret}${after}`);
}

const placeholders = TEMPLATE_VARIABLES.map((name) => `{{${name}}}`);

/** Header and body values: placeholders known and unknown, typos, literals, control characters. */
export const templateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...placeholders),
  fc.constantFrom(
    'refresh_token',
    'Bearer {{accessToken}}',
    '{{ refreshToken }}',
    '{{refreshToken}',
    '{{unknownThing}}',
    'v{{apiVersion}}',
    'line\nbreak',
    '',
  ),
  fc.string({ maxLength: 30 }),
);

const headerNameArb = fc.oneof(
  fc.constantFrom('X-Api-Key', 'Version', 'partnerId', 'Authorization', 'Content-Type', 'Host', 'grantType'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/),
  fc.string({ maxLength: 12 }),
);

const fieldPathArb = fc.oneof(
  fc.constantFrom(
    'access_token',
    'refresh_token',
    'data.value',
    'data.expires_at',
    'expires_in',
    'accessToken',
  ),
  fc.stringMatching(/^[a-z_]{1,10}(\.[a-z_]{1,10}){0,2}$/),
  fc.string({ maxLength: 12 }),
);

const expirySourceArb = fc.oneof(
  fc.record({ kind: fc.constantFrom('expiresIn', 'expiresAt', 'isoDate'), path: fieldPathArb }),
  fc.constant({ kind: 'jwtExp' }),
  fc.record({ kind: fc.string({ maxLength: 8 }), path: fieldPathArb }),
);

/** Optional keys: each one sometimes left out, as a half-filled form would. */
function someOf<T extends Record<string, fc.Arbitrary<unknown>>>(model: T, required: (keyof T)[]) {
  return fc.record(model, { requiredKeys: required as Extract<keyof T, string>[] });
}

/** A profile a person could have written: mostly well-formed, often with one thing wrong. */
export const nearValidProfileArb = fc.oneof(
  someOf(
    {
      request: someOf(
        {
          method: fc.constantFrom('POST', 'PUT', 'GET'),
          path: fc.oneof(
            fc.constantFrom('', '/oauth/token', '/v1/auth/token', 'no-slash', '/a?b'),
            fc.string(),
          ),
          clientAuth: fc.constantFrom('basic', 'body', 'none', 'connection', 'mtls'),
          bearerAccessToken: fc.boolean(),
          headers: fc.dictionary(headerNameArb, templateArb, { maxKeys: 4 }),
          body: someOf(
            {
              encoding: fc.constantFrom('form', 'json', 'xml'),
              fields: fc.dictionary(
                fc.oneof(
                  fc.constantFrom('refresh_token', 'client_id', 'client_secret', 'grant_type', 'scope'),
                  fc.string({ minLength: 1, maxLength: 10 }),
                ),
                templateArb,
                { maxKeys: 5 },
              ),
              wrapIn: fc.oneof(fc.constant('token'), fc.string({ maxLength: 5 })),
            },
            ['encoding', 'fields'],
          ),
        },
        ['body'],
      ),
      response: someOf(
        {
          successStatus: fc.array(fc.integer({ min: 150, max: 350 }), { maxLength: 3 }),
          accessToken: fieldPathArb,
          refreshToken: fieldPathArb,
          tokenType: fieldPathArb,
          expiry: fc.array(expirySourceArb, { maxLength: 3 }),
          refreshIn: fieldPathArb,
          refreshExpiresIn: fc.array(fieldPathArb, { maxLength: 2 }),
          scope: fieldPathArb,
          serverId: fieldPathArb,
          userId: fieldPathArb,
        },
        ['accessToken'],
      ),
      errors: someOf({ codePath: fieldPathArb, descriptionPath: fieldPathArb }, []),
      refreshTokenLifetimeDays: fc.oneof(fc.integer({ min: -5, max: 4000 }), fc.double()),
    },
    ['request', 'response'],
  ),
  fc.constantFrom(...Object.values(PRESET_PROFILES)).map((preset) => structuredClone(preset)),
);

/** Anything at all, as a broken file or a hostile caller could send. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.constantFrom(null, undefined, 0, '', [], {}, 'null', Number.NaN, Infinity),
);
