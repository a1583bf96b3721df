import type { SimDialect } from '../../simulator/simulator';

/** Every renewable preset in turn, so the run has rotating and non-rotating, form and JSON, JWT and opaque tokens. */
export const RENEWABLE_MIX: readonly SimDialect[] = [
  'oauth2',
  'oauth-tokens-envelope',
  'partner-header',
  'bearer-rotation',
];

/** An hour's token: renewed at two thirds of it, so an hour's jump of the clock makes all of them due. */
export const ACCESS_LIFETIME_SEC = 3600;

export function dialectAt(index: number): SimDialect {
  return RENEWABLE_MIX[index % RENEWABLE_MIX.length]!;
}
