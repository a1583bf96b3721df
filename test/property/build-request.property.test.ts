import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formUrlEncode } from '../../main/core/dialects/basic-auth';
import { buildRenewalRequest } from '../../main/core/dialects/build-request';
import type { RenewalSecrets } from '../../main/core/dialects/renewal-inputs';
import { validateCustomProfile } from '../../main/core/dialects/custom-profile';
import { PRESET_PROFILES } from '../../main/core/dialects/presets';
import type { RenewalProfile } from '../../main/core/domain/renewal-profile';
import { resolveClientAuth } from '../../main/core/dialects/renewal-inputs';
import { placeholdersIn } from '../../main/core/dialects/template';
import type { Connection } from '../../main/core/domain';
import { ConnectionSchema, TokenTrayError } from '../../main/core/domain';
import { nearValidProfileArb, secretArb } from './arbitraries';

type SecretName = keyof RenewalSecrets;
const SECRET_NAMES: SecretName[] = ['clientSecret', 'refreshToken', 'accessToken'];

const customProfiles = fc
  .sample(nearValidProfileArb, 400)
  .map((input) => validateCustomProfile(input))
  .flatMap((check) => (check.ok ? [check.profile] : []));

const profileArb: fc.Arbitrary<RenewalProfile> = fc.oneof(
  fc.constantFrom(...Object.values(PRESET_PROFILES)),
  fc.constantFrom(...customProfiles),
);

const connectionArb: fc.Arbitrary<Connection> = fc
  .record({
    endpoint: fc.constantFrom(
      'https://partner.example/oauth2/token',
      'https://api.example.com/v1/',
      'http://127.0.0.1:8443/base',
      'http://localhost:3000',
    ),
    settings: fc.record(
      {
        clientId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        partnerIdHeader: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        apiVersion: fc.constantFrom('2.0', '3'),
        scope: fc.constantFrom('read', 'read write'),
        authMethod: fc.constantFrom('basic', 'body'),
        bodyShape: fc.constantFrom('flat', 'wrapped'),
      },
      { requiredKeys: ['authMethod', 'bodyShape'] },
    ),
  })
  .map((fields) =>
    ConnectionSchema.parse({
      id: 'c1',
      createdAt: 0,
      partnerId: 'p1',
      label: 'Partner',
      dialect: 'custom',
      ...fields,
    }),
  );

/** Secrets as issued, and some that try to smuggle a placeholder, a header or non-Latin text. */
const secretValueArb = fc.oneof(
  { weight: 6, arbitrary: secretArb },
  { weight: 1, arbitrary: secretArb.map((s) => `${s}{{clientSecret}}`) },
  { weight: 1, arbitrary: secretArb.map((s) => `{{accessToken}}${s}`) },
  { weight: 1, arbitrary: secretArb.map((s) => `${s}\r\nX-Injected: yes`) },
  { weight: 1, arbitrary: secretArb.map((s) => `${s}€`) },
);

const secretsArb: fc.Arbitrary<RenewalSecrets> = fc.record({
  clientSecret: fc.option(secretValueArb, { nil: null, freq: 5 }),
  refreshToken: fc.option(secretValueArb, { nil: null, freq: 8 }),
  accessToken: fc.option(secretValueArb, { nil: null, freq: 5 }),
});

/** The ways a secret could show up in the request text. */
function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      formUrlEncode(secret),
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}

function names(template: string | undefined, secret: SecretName): boolean {
  return template !== undefined && placeholdersIn(template).includes(secret);
}

/** Where the profile asks for the secret to go: a header whose template names it, or the Bearer option. */
function headerMayCarry(profile: RenewalProfile, header: string, secret: SecretName): boolean {
  const templates = Object.entries(profile.request.headers)
    .filter(([name]) => name.toLowerCase() === header.toLowerCase())
    .map(([, template]) => template);
  if (templates.some((template) => names(template, secret))) return true;
  return (
    header.toLowerCase() === 'authorization' && secret === 'accessToken' && profile.request.bearerAccessToken
  );
}

function bodyMayCarry(profile: RenewalProfile, connection: Connection, secret: SecretName): boolean {
  if (Object.values(profile.request.body.fields).some((template) => names(template, secret))) return true;
  return secret === 'clientSecret' && resolveClientAuth(profile, connection) === 'body';
}

describe('buildRenewalRequest over valid profiles and random secrets', () => {
  it('puts a secret only where the profile asks for it: never in the URL, in a header only if named', () => {
    let built = 0;
    fc.assert(
      fc.property(profileArb, connectionArb, secretsArb, (profile, connection, secrets) => {
        const given = SECRET_NAMES.flatMap((name) => (secrets[name] ? [[name, secrets[name]] as const] : []));
        // Distinct secrets that the profile and settings do not happen to spell out.
        const context = JSON.stringify([profile, connection]);
        fc.pre(
          given.every(([, a]) => !context.includes(a) && given.every(([, b]) => a === b || !a.includes(b))),
        );

        let request;
        try {
          request = buildRenewalRequest(profile, connection, secrets);
        } catch (error) {
          expect(error).toBeInstanceOf(TokenTrayError);
          for (const [, value] of given) expect((error as Error).message).not.toContain(value);
          return;
        }
        built += 1;
        for (const [name, value] of given) {
          for (const form of formsOf(value)) {
            expect(request.url).not.toContain(form);
            for (const [header, headerValue] of Object.entries(request.headers)) {
              if (headerValue.includes(form)) expect(headerMayCarry(profile, header, name)).toBe(true);
            }
            if (request.body?.includes(form)) expect(bodyMayCarry(profile, connection, name)).toBe(true);
          }
        }
        for (const headerValue of Object.values(request.headers)) expect(headerValue).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 3000 },
    );
    expect(built).toBeGreaterThan(500);
  });
});
