import {
  RenewalProfileSchema,
  type RenewalProfile,
  type RenewalProfileInput,
} from '../../domain/renewal-profile';

/** Validates a preset once at load and freezes it: presets are shared, so nobody may change one in place. */
export function definePreset(input: RenewalProfileInput): RenewalProfile {
  return deepFreeze(RenewalProfileSchema.parse(input));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
