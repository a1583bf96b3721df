import {
  ConnectionSchema,
  type Connection,
  type ConnectionInput,
} from '../../../main/core/domain/connection';
import type { RenewalSecrets } from '../../../main/core/dialects/renewal-inputs';
import type { HttpResponse } from '../../../main/core/http/http-client';

/** A fixed arrival time, so every expected expiry is plain arithmetic. */
export const RECEIVED_AT = Date.UTC(2025, 0, 15, 12, 0, 0);

export function connectionWith(
  dialect: ConnectionInput['dialect'],
  overrides: Partial<ConnectionInput> & { settings?: ConnectionInput['settings'] } = {},
): Connection {
  return ConnectionSchema.parse({
    id: 'conn-1',
    createdAt: 0,
    partnerId: 'partner-1',
    label: `${dialect} connection`,
    dialect,
    endpoint: 'https://api.partner.example',
    ...overrides,
  });
}

export const SECRETS: RenewalSecrets = {
  clientSecret: 'msp-001-secret-key',
  refreshToken: 'my-oauth-refresh-token',
  accessToken: 'current-access-token-abc',
};

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  receivedAt = RECEIVED_AT,
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    receivedAt,
  };
}

/** An unsigned JWT: only its claims matter to TokenTray, which never verifies partner tokens. */
export function jwtWith(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}
