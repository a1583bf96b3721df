import { describe, expect, it } from 'vitest';
import { buildRenewalRequest } from '../../../main/core/dialects/build-request';
import { profileFor, requiredSecretsFor } from '../../../main/core/dialects/presets';
import { secretsNeededFor } from '../../../main/core/dialects/renewal-inputs';
import { checkEligibility } from '../../../main/core/engine/eligibility';
import { SECRETS, connectionWith } from './fixtures';

const machine = (settings: Record<string, unknown> = {}) =>
  connectionWith('oauth2', {
    endpoint: 'https://login.partner.example/oauth/token',
    settings: {
      clientId: 'orders-service',
      grant: 'client_credentials',
      authMethod: 'basic',
      bodyShape: 'flat',
      ...settings,
    },
  });

describe('client credentials (RFC 6749 §4.4)', () => {
  it('asks for a new token with the client credentials in Basic and never sends a refresh token', () => {
    const connection = machine({ scope: 'orders:read' });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    const form = new URLSearchParams(request.body);
    expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', scope: 'orders:read' });
    expect(request.headers.Authorization).toMatch(/^Basic /);
    expect(request.body).not.toContain(SECRETS.refreshToken);
  });

  it('sends the credentials in the body, and audience and resource where the connection sets them', () => {
    const connection = machine({
      authMethod: 'body',
      audience: 'https://orders.partner.example',
      resource: 'https://orders.partner.example/v2',
    });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'client_credentials',
      audience: 'https://orders.partner.example',
      resource: 'https://orders.partner.example/v2',
      client_id: 'orders-service',
      client_secret: SECRETS.clientSecret,
    });
    expect(request.headers.Authorization).toBeUndefined();
  });

  it('needs only the client secret, and is eligible to renew without a refresh token', () => {
    const connection = machine();
    expect(requiredSecretsFor(connection)).toEqual(['clientSecret']);
    expect(secretsNeededFor(profileFor(connection)!, connection)).toEqual(['clientSecret']);
  });

  it('a connection that signs in asks for no refresh token to be typed in, and says to sign in while it has none', () => {
    const connection = machine({ grant: 'authorization_code' });
    expect(requiredSecretsFor(connection)).toEqual(['clientSecret']);
    const eligibility = checkEligibility({
      connection,
      partner: {
        id: 'partner-1',
        name: 'Partner',
        contactEmail: '',
        notes: '',
        status: 'active',
        createdAt: 0,
      },
      state: {} as never,
      hasRefreshToken: false,
      now: 0,
    });
    // Its own reason: the window offers Sign in, not the verify, revoke and re-add path of a refused token.
    expect(eligibility).toMatchObject({
      ok: false,
      reason: 'missing_credentials',
      message: expect.stringMatching(/sign in/),
    });
  });

  it('a public client refreshes with its client id in the body and no secret at all', () => {
    const connection = machine({ grant: 'authorization_code', authMethod: 'none' });
    const request = buildRenewalRequest(profileFor(connection)!, connection, {
      ...SECRETS,
      clientSecret: null,
    });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: SECRETS.refreshToken,
      client_id: 'orders-service',
    });
    expect(request.headers.Authorization).toBeUndefined();
    expect(requiredSecretsFor(connection)).toEqual([]);
    expect(secretsNeededFor(profileFor(connection)!, connection)).toEqual(['refreshToken']);
  });
});
