import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Partner } from '../../main/core/domain';
import {
  ConnectionInputSchema,
  PartnerInputSchema,
  TokenTrayError,
  ValidationError,
} from '../../main/core/domain';
import type { CoreHarness } from '../support/core-harness';
import { startCoreHarness } from '../support/core-harness';
import { FakeClock } from '../support/fake-clock';
import { junkArb, nearValidProfileArb } from './arbitraries';

const DIALECTS = ['oauth2', 'oauth-tokens-envelope', 'partner-header', 'bearer-rotation', 'manual', 'custom'];

/** A form filled in almost right: real and unknown partners, unsafe endpoints, odd settings. */
function connectionInputArb(partnerId: string): fc.Arbitrary<unknown> {
  const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '   ', 'x'.repeat(3000)), junkArb);
  const url = fc.oneof(
    fc.constantFrom(
      'https://api.partner.example/oauth2/token',
      'http://127.0.0.1:9/token',
      'http://partner.example/token',
      'https://user:pw@partner.example/',
      'ftp://partner.example',
      'javascript:alert(1)',
      '',
    ),
    text,
  );
  return fc.record(
    {
      partnerId: fc.oneof(fc.constant(partnerId), text),
      label: fc.oneof(fc.constant('Orders API'), text),
      dialect: fc.oneof(fc.constantFrom(...DIALECTS), text),
      endpoint: url,
      settings: fc.oneof(
        fc.record(
          {
            clientId: text,
            partnerIdHeader: fc.oneof(fc.integer(), fc.double(), text),
            apiVersion: text,
            scope: text,
            authMethod: fc.oneof(fc.constantFrom('basic', 'body'), text),
            bodyShape: fc.oneof(fc.constantFrom('flat', 'wrapped'), text),
          },
          { requiredKeys: [] },
        ),
        junkArb,
      ),
      customProfile: fc.oneof(nearValidProfileArb, junkArb),
      policy: fc.oneof(
        fc.record(
          {
            renewAtShare: fc.double(),
            leadTimeMs: fc.oneof(fc.integer(), fc.double()),
            jitterMs: fc.integer(),
            reminderDays: fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 25 }),
          },
          { requiredKeys: [] },
        ),
        junkArb,
      ),
      verifyUrl: url,
      revocationUrl: url,
      enabled: fc.oneof(fc.boolean(), junkArb),
    },
    { requiredKeys: [] },
  );
}

/** Secrets that the form would refuse, or none: the keychain is not what this property is about. */
const refusedSecretsArb = fc.oneof(
  fc.constant({}),
  fc.record({ refreshToken: fc.constantFrom('', '   ', 'x'.repeat(20_000)) }),
  fc.record({ clientSecret: fc.oneof(fc.integer(), fc.constant(null)), refreshToken: fc.string() }),
  fc.record({ tokenExpiresAt: fc.oneof(fc.double(), fc.string()) }),
);

function expectFormError(error: unknown): void {
  // Only the errors the form shows: never a TypeError or a zod exception.
  expect(error).toBeInstanceOf(TokenTrayError);
  const { code } = error as TokenTrayError;
  expect(['invalid_input', 'not_found']).toContain(code);
  if (error instanceof ValidationError) {
    expect(Object.keys(error.fieldErrors).length).toBeGreaterThan(0);
    for (const message of Object.values(error.fieldErrors)) expect(typeof message).toBe('string');
  }
}

describe('connection and partner forms over junk input', () => {
  let harness: CoreHarness;
  let partner: Partner;
  let existing: Connection;
  beforeAll(async () => {
    // Not started: nothing renews, this is about validation.
    harness = await startCoreHarness({ clock: new FakeClock(), start: false });
    partner = harness.core.admin.addPartner({ name: 'Acme', contactEmail: 'ops@acme.example' });
    existing = await harness.core.admin.addConnection({
      partnerId: partner.id,
      label: 'Existing',
      dialect: 'custom',
      endpoint: 'https://api.acme.example/token',
      customProfile: {
        request: { body: { encoding: 'form', fields: { refresh_token: '{{refreshToken}}' } } },
        response: { accessToken: 'access_token' },
      },
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('the input schemas answer every value with success or issues, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(junkArb, connectionInputArb('p1')), (input) => {
        expect(typeof ConnectionInputSchema.safeParse(input).success).toBe('boolean');
        expect(typeof PartnerInputSchema.safeParse(input).success).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('adding or editing a connection with junk fails only with a form error', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(junkArb, connectionInputArb(partner.id)),
        refusedSecretsArb,
        fc.boolean(),
        async (input, secrets, edit) => {
          try {
            if (edit)
              await harness.core.admin.updateConnection(existing.id, input as never, secrets as never);
            else await harness.core.admin.addConnection(input as never, secrets as never);
          } catch (error) {
            expectFormError(error);
            refused += 1;
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('adding or editing a partner with junk fails only with a form error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          junkArb,
          fc.record({
            name: fc.oneof(fc.string(), junkArb),
            contactEmail: fc.oneof(fc.emailAddress(), fc.string()),
          }),
        ),
        fc.boolean(),
        (input, edit) => {
          try {
            if (edit) harness.core.admin.updatePartner(partner.id, input as never);
            else harness.core.admin.addPartner(input as never);
          } catch (error) {
            expectFormError(error);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
