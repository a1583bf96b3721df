import { describe, expect, it } from 'vitest';
import { buildRenewalRequest } from '../../../main/core/dialects/build-request';
import { parseRenewalResponse } from '../../../main/core/dialects/parse-response';
import { PRESET_DESCRIPTIONS, PRESET_PROFILES, profileFor } from '../../../main/core/dialects/presets';
import { RenewalProfileSchema } from '../../../main/core/domain/renewal-profile';
import { ValidationError } from '../../../main/core/domain/errors';
import { DialectSchema } from '../../../main/core/domain/connection';
import { RECEIVED_AT, SECRETS, connectionWith, jsonResponse, jwtWith } from './fixtures';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('oauth2 preset (RFC 6749 §6)', () => {
  const connection = connectionWith('oauth2', {
    endpoint: 'https://auth.example.com/oauth2/token',
    settings: { clientId: 's6BhdRkqt3', authMethod: 'basic', bodyShape: 'flat' },
  });

  it('posts a form with grant_type and refresh_token and authenticates the client with HTTP Basic', () => {
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(request).toEqual({
      method: 'POST',
      url: 'https://auth.example.com/oauth2/token',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic('s6BhdRkqt3', 'msp-001-secret-key'),
      },
      body: 'grant_type=refresh_token&refresh_token=my-oauth-refresh-token',
      timeoutMs: 30_000,
      maxBodyBytes: 256 * 1024,
    });
  });

  it('sends the scope and the client credentials in the body when the connection asks for it', () => {
    const inBody = connectionWith('oauth2', {
      endpoint: 'https://auth.example.com/oauth2/token',
      settings: { clientId: 's6BhdRkqt3', scope: 'read write', authMethod: 'body', bodyShape: 'flat' },
    });
    const request = buildRenewalRequest(profileFor(inBody)!, inBody, SECRETS);
    expect(request.headers).not.toHaveProperty('Authorization');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'my-oauth-refresh-token',
      scope: 'read write',
      client_id: 's6BhdRkqt3',
      client_secret: 'msp-001-secret-key',
    });
  });

  it('reads the RFC 6749 §5.1 answer with a rotated refresh token and its lifetimes', () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES.oauth2,
      jsonResponse(200, {
        access_token: '2YotnFZFEjr1zCsicMWpAA',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA',
        scope: 'read',
        refresh_in: 2400,
        refresh_token_expires_in: 86_400,
      }),
    );
    expect(parsed).toEqual({
      kind: 'renewed',
      httpStatus: 200,
      accessToken: '2YotnFZFEjr1zCsicMWpAA',
      refreshToken: 'tGzv3JOkF0XG5Qx2TlKWIA',
      tokenType: 'Bearer',
      issuedAt: RECEIVED_AT,
      expiresAt: RECEIVED_AT + 3_600_000,
      refreshSuggestedAt: RECEIVED_AT + 2_400_000,
      refreshExpiresAt: RECEIVED_AT + 86_400_000,
      scope: 'read',
      clockSkewMs: 0,
    });
  });
});

describe('oauth-tokens-envelope preset', () => {
  const settings = {
    clientId: '6498d88e-97fb-47e2-85a5-99e884f888aa',
    authMethod: 'basic',
    bodyShape: 'flat',
  } as const;

  it('posts client_id, client_secret, refresh_token and grant_type as flat JSON to /oauth/tokens', () => {
    const connection = connectionWith('oauth-tokens-envelope', {
      endpoint: 'https://msp.example/',
      settings,
    });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://msp.example/oauth/tokens');
    expect(request.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
    expect(JSON.parse(request.body!)).toEqual({
      client_id: '6498d88e-97fb-47e2-85a5-99e884f888aa',
      client_secret: 'msp-001-secret-key',
      refresh_token: 'my-oauth-refresh-token',
      grant_type: 'refresh_token',
    });
  });

  it('wraps the body as {"token": {...}} when the connection chooses the wrapped shape', () => {
    const connection = connectionWith('oauth-tokens-envelope', {
      endpoint: 'https://msp.example',
      settings: { ...settings, bodyShape: 'wrapped' },
    });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(JSON.parse(request.body!)).toEqual({
      token: {
        client_id: '6498d88e-97fb-47e2-85a5-99e884f888aa',
        client_secret: 'msp-001-secret-key',
        refresh_token: 'my-oauth-refresh-token',
        grant_type: 'refresh_token',
      },
    });
    expect(PRESET_PROFILES['oauth-tokens-envelope'].request.body.wrapIn).toBeUndefined();
  });

  it("reads the dialect's 201 envelope: token, epoch expiry, ids and scope", () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['oauth-tokens-envelope'],
      jsonResponse(201, {
        meta: {
          code: 201,
          url: 'https://example.com/resource',
          type: 'object',
          request_id: 'req-adasdoijasdojsda',
        },
        data: {
          value: 'SnNRdCtvU0tTOENBV2dLRUZwNmIzZz09',
          user_id: '3ff33ced-69dc-415a-b231-c6446898335a',
          name: 'change_password_token',
          id: '3ff33ced-69dc-415a-b231-c6446898335a',
          expires_at: 1498749591,
          details: {
            scope: 'capitation_contracts:view capitation_contracts:create patients:view patients:create',
            grant_type: 'refresh_token',
            client_id: 'd290f1ee-6c54-4b01-90e6-d701748f0851',
          },
        },
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'renewed',
      httpStatus: 201,
      accessToken: 'SnNRdCtvU0tTOENBV2dLRUZwNmIzZz09',
      refreshToken: null,
      expiresAt: 1498749591_000,
      serverId: '3ff33ced-69dc-415a-b231-c6446898335a',
      userId: '3ff33ced-69dc-415a-b231-c6446898335a',
      scope: 'capitation_contracts:view capitation_contracts:create patients:view patients:create',
    });
  });
});

describe('partner-header preset', () => {
  it('posts {refreshToken} to /v1/auth/token with the partnerId and grantType headers', () => {
    const connection = connectionWith('partner-header', {
      endpoint: 'https://partner.example/api',
      settings: { partnerIdHeader: 4711, authMethod: 'basic', bodyShape: 'flat' },
    });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://partner.example/api/v1/auth/token',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        partnerId: '4711',
        grantType: 'refresh_token',
      },
    });
    expect(Object.keys(request.headers)).toHaveLength(4);
    expect(JSON.parse(request.body!)).toEqual({ refreshToken: 'my-oauth-refresh-token' });
  });

  it("reads the partner-header dialect's 200 answer with a 24-hour style expires_in", () => {
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['partner-header'],
      jsonResponse(200, {
        access_token: 'eyJhbGciOiJIUzI1NiIsIn',
        refresh_token: 'dGhpcyBpcyBhIHJlZnJlc2h',
        expires_in: 3600,
        token_type: 'Bearer',
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'renewed',
      accessToken: 'eyJhbGciOiJIUzI1NiIsIn',
      refreshToken: 'dGhpcyBpcyBhIHJlZnJlc2h',
      tokenType: 'Bearer',
      expiresAt: RECEIVED_AT + 3_600_000,
      refreshExpiresAt: null,
    });
  });
});

describe('bearer-rotation preset', () => {
  it('posts {refreshToken} to /User/RefreshToken with the current access token as Bearer and Version 2.0', () => {
    const connection = connectionWith('bearer-rotation', { endpoint: 'https://api.7g.example' });
    const request = buildRenewalRequest(profileFor(connection)!, connection, SECRETS);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://api.7g.example/User/RefreshToken',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Version: '2.0',
        Authorization: 'Bearer current-access-token-abc',
      },
    });
    expect(JSON.parse(request.body!)).toEqual({ refreshToken: 'my-oauth-refresh-token' });
  });

  it('sends the API version the connection names', () => {
    const connection = connectionWith('bearer-rotation', {
      settings: { apiVersion: '2.1', authMethod: 'basic', bodyShape: 'flat' },
    });
    expect(buildRenewalRequest(profileFor(connection)!, connection, SECRETS).headers.Version).toBe('2.1');
  });

  it('takes the expiry from the JWT exp and gives the rotated refresh token 30 days', () => {
    const accessToken = jwtWith({ UserID: '123', exp: 1_737_000_000, iss: 'https://7g.com.au' });
    const parsed = parseRenewalResponse(
      PRESET_PROFILES['bearer-rotation'],
      jsonResponse(200, {
        accessToken,
        refreshToken: 'A8c7B9d2E1f4G6h5I3j8K0l9M7n4O2p1Q5r8S3t6U4v7W1x9Y2z5',
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'renewed',
      accessToken,
      refreshToken: 'A8c7B9d2E1f4G6h5I3j8K0l9M7n4O2p1Q5r8S3t6U4v7W1x9Y2z5',
      expiresAt: 1_737_000_000_000,
      refreshExpiresAt: RECEIVED_AT + 30 * 24 * 3600 * 1000,
    });
  });
});

describe('profileFor', () => {
  it('has no profile for manual tokens, which a person renews in a portal', () => {
    expect(profileFor(connectionWith('manual'))).toBeNull();
  });

  it("returns a custom connection's own profile", () => {
    const customProfile = RenewalProfileSchema.parse({
      request: { body: { encoding: 'json', fields: { token: '{{refreshToken}}' } } },
      response: { accessToken: 'token' },
    });
    expect(profileFor(connectionWith('custom', { customProfile }))).toEqual(customProfile);
  });

  it('refuses a custom connection without a profile with a validation error', () => {
    expect(() => profileFor(connectionWith('custom'))).toThrow(ValidationError);
  });

  it('keeps the shared presets frozen so no caller can change them for everyone', () => {
    expect(Object.isFrozen(PRESET_PROFILES.oauth2.request.body.fields)).toBe(true);
  });

  it('describes every dialect for the preset picker', () => {
    for (const dialect of DialectSchema.options) {
      expect(PRESET_DESCRIPTIONS[dialect].title.length).toBeGreaterThan(0);
    }
    expect(PRESET_DESCRIPTIONS['partner-header'].requiredSettings).toEqual(['partnerIdHeader']);
    expect(PRESET_DESCRIPTIONS['bearer-rotation'].requiredSecrets).toEqual(['accessToken', 'refreshToken']);
  });
});
