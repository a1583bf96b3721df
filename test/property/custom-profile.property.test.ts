import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCustomProfile } from '../../main/core/dialects/custom-profile';
import { RenewalProfileSchema } from '../../main/core/domain/renewal-profile';
import { junkArb, nearValidProfileArb } from './arbitraries';

const PROFILE_KEYS = Object.keys(RenewalProfileSchema.shape);

describe('validateCustomProfile over generated profiles', () => {
  it('never throws; what it accepts parses with the profile schema and is accepted again', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(nearValidProfileArb, junkArb), (input) => {
        const check = validateCustomProfile(input);
        if (check.ok) {
          accepted += 1;
          expect(RenewalProfileSchema.safeParse(check.profile).success).toBe(true);
          expect(validateCustomProfile(check.profile)).toEqual(check);
          return;
        }
        refused += 1;
        // Every refusal names at least one field, each with a sentence for the form.
        const entries = Object.entries(check.errors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [path, message] of entries) {
          expect(path.length).toBeGreaterThan(0);
          expect(typeof message).toBe('string');
          expect(message.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });

  it('keys outside the profile format never change whether a profile is accepted', () => {
    const foreignKey = fc.string().filter((key) => !PROFILE_KEYS.includes(key));
    fc.assert(
      fc.property(nearValidProfileArb, fc.dictionary(foreignKey, junkArb, { maxKeys: 3 }), (input, extra) => {
        const before = validateCustomProfile(input);
        const after = validateCustomProfile({ ...extra, ...(input as object) });
        // Unknown keys are dropped, never a reason to accept or to crash.
        expect(after.ok).toBe(before.ok);
      }),
      { numRuns: 500 },
    );
  });
});
