import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialectSchema, ValidationError } from '../../main/core/domain';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../main/core/services/import-export';
import type { CoreHarness } from '../support/core-harness';
import { startCoreHarness } from '../support/core-harness';
import { FakeClock } from '../support/fake-clock';
import { junkArb, nearValidProfileArb, secretArb } from './arbitraries';

/**
 * An export file is untrusted: it may come from anyone. A secret pasted into a value of it (an endpoint,
 * a note, a setting, a template) must never come back in what the import says. Names and labels are
 * echoed on purpose, so people can find the skipped item; keys are not values.
 */
function fileArb(secret: string): fc.Arbitrary<string> {
  const planted = fc.oneof(
    fc.constant(secret),
    fc.constantFrom('token ', 'Bearer ', 'key=').map((prefix) => prefix + secret),
    junkArb,
  );
  /** Mostly a good value, so that many items get through to the later checks; sometimes the planted one. */
  const usually = <T>(good: fc.Arbitrary<T>, weight = 4) =>
    fc.oneof({ weight, arbitrary: good }, { weight: 1, arbitrary: planted });
  const url = usually(
    fc
      .constantFrom('https://api.example.com/token?key=', 'https://api.example.com/')
      .map((base) => base + secret),
  );
  const partner = fc.record(
    {
      id: usually(fc.constantFrom('p1', 'p2')),
      name: fc.oneof(fc.constantFrom('Acme', 'Globex', 'Initech', ''), fc.string({ maxLength: 10 })),
      contactEmail: usually(fc.constant('ops@acme.example')),
      notes: fc.oneof(fc.constant(`notes ${secret}`), planted),
      status: usually(fc.constantFrom('active', 'suspended')),
    },
    { requiredKeys: ['id', 'name'] },
  );
  const connection = fc.record(
    {
      id: usually(fc.constantFrom('c1', 'c2', 'c3')),
      partnerId: usually(fc.constantFrom('p1', 'p2')),
      label: fc.constantFrom('Orders', 'Billing', 'Payouts', ''),
      dialect: usually(fc.constantFrom(...DialectSchema.options)),
      endpoint: url,
      settings: fc.record(
        { clientId: usually(fc.constant(secret)), scope: usually(fc.constant('read')), apiVersion: planted },
        { requiredKeys: [] },
      ),
      customProfile: fc.oneof(
        nearValidProfileArb,
        fc.constantFrom('literal ', 'Bearer {{accessToken}} ').map((text) => ({
          request: {
            headers: { 'X-Key': text + secret },
            body: { encoding: 'json', fields: { token: text + secret } },
          },
          response: { accessToken: 'access_token' },
        })),
      ),
      verifyUrl: url,
      revocationUrl: url,
      refreshToken: planted,
    },
    { requiredKeys: ['id', 'partnerId', 'label', 'dialect'] },
  );
  const envelope = fc.record(
    {
      format: usually(fc.constant(EXPORT_FORMAT), 20),
      version: usually(fc.constant(EXPORT_VERSION), 20),
      partners: usually(fc.array(partner, { maxLength: 3 }), 20),
      connections: usually(fc.array(connection, { maxLength: 4 }), 20),
    },
    { requiredKeys: ['format', 'version', 'partners', 'connections'] },
  );
  return fc.oneof(
    { weight: 12, arbitrary: envelope.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: envelope.map((value) => JSON.stringify(value).slice(0, -3)) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: fc.string() },
  );
}

describe('importing a file of partners and connections over generated files', () => {
  let harness: CoreHarness;
  beforeAll(async () => {
    harness = await startCoreHarness({ clock: new FakeClock(), start: false });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('answers a result or a ValidationError, and repeats no planted secret', () => {
    let imported = 0;
    fc.assert(
      fc.property(
        secretArb.chain((secret) => fc.tuple(fc.constant(secret), fileArb(secret))),
        ([secret, contents]) => {
          let said: string[];
          try {
            const result = harness.core.importExport.importFile(contents);
            imported += result.connectionsAdded;
            said = result.skipped.map((skip) => skip.reason);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            const { message, fieldErrors } = error as ValidationError;
            said = [message, ...Object.values(fieldErrors)];
          }
          for (const text of said) expect(text).not.toContain(secret);
        },
      ),
      { numRuns: 1000 },
    );
    // Some generated files must be good enough to import, or the property proves little.
    expect(imported).toBeGreaterThan(0);
  });
});
