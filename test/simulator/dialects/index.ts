import { bearerRotationEndpoint } from './bearer-rotation';
import type { DialectEndpoint } from './dialect';
import { oauth2Endpoint } from './oauth2';
import { envelopeEndpoint } from './oauth-tokens-envelope';
import { partnerHeaderEndpoint } from './partner-header';

/** Every dialect that has a renewal endpoint; manual tokens are renewed in a portal. */
export const DIALECT_ENDPOINTS: readonly DialectEndpoint[] = [
  oauth2Endpoint,
  envelopeEndpoint,
  partnerHeaderEndpoint,
  bearerRotationEndpoint,
];

export function endpointAt(path: string): DialectEndpoint | undefined {
  return DIALECT_ENDPOINTS.find((endpoint) => endpoint.path === path);
}
