export { seededRandom } from '../../support/seeded-random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Connection ids as the catalog holds them: the strings exist before anything is planned. */
export function connectionKeys(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `connection-${index.toString(36).padStart(6, '0')}`);
}

/** Delays from now, spread over a day as renewals of hour-long and day-long tokens are. */
export function spreadDelays(count: number, random: () => number): Float64Array {
  const delays = new Float64Array(count);
  for (let index = 0; index < count; index++) delays[index] = MINUTE + Math.floor(random() * DAY);
  return delays;
}
