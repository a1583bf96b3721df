import { describe, expect, it } from 'vitest';
import { buildConnection } from '../../../../../renderer/screens/connection-form/connection-form-input';
import type { ConnectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import { visibleFields } from '../../../../../renderer/screens/connection-form/preset-fields';
import { newConnectionForm, OAUTH2_PRESET } from './form-fixtures';

function oauthForm(overrides: Partial<ConnectionFormState>): ConnectionFormState {
  return {
    ...newConnectionForm(),
    label: 'Partner account',
    dialect: 'oauth2',
    endpoint: 'https://login.partner.example/token',
    clientId: 'desktop',
    clientSecret: 'client-secret',
    ...overrides,
  };
}

describe('the OAuth 2.0 form asks only for what its way of getting tokens needs', () => {
  it('signing in asks for no refresh token, needs the authorization URL, and sends the issuer and grant', () => {
    const state = oauthForm({ grant: 'authorization_code', issuer: 'https://login.partner.example' });
    expect(visibleFields(state).has('secrets.refreshToken')).toBe(false);
    expect(buildConnection(state, OAUTH2_PRESET, 'add').errors).toEqual({
      'settings.authorizationUrl': 'Required to sign in: use Discover, or enter it',
    });
    const built = buildConnection(
      { ...state, authorizationUrl: 'https://login.partner.example/auth' },
      OAUTH2_PRESET,
      'add',
    );
    expect(built.errors).toEqual({});
    expect(built.input.settings).toMatchObject({
      grant: 'authorization_code',
      issuer: 'https://login.partner.example',
      authorizationUrl: 'https://login.partner.example/auth',
    });
    expect(built.secrets).toEqual({ clientSecret: 'client-secret' });
  });

  it('client credentials shows audience and resource, and sends no token fields', () => {
    const state = oauthForm({
      grant: 'client_credentials',
      audience: 'https://orders.example',
      refreshToken: 'x',
    });
    const visible = visibleFields(state);
    expect(visible.has('settings.audience')).toBe(true);
    expect(visible.has('settings.resource')).toBe(true);
    const built = buildConnection(state, OAUTH2_PRESET, 'add');
    expect(built.errors).toEqual({});
    expect(built.input.settings).toMatchObject({
      grant: 'client_credentials',
      audience: 'https://orders.example',
    });
    expect(built.secrets).toEqual({ clientSecret: 'client-secret' });
  });

  it('a refresh token typed in is still required where that is the way', () => {
    const built = buildConnection(oauthForm({ grant: 'refresh_token' }), OAUTH2_PRESET, 'add');
    expect(built.errors).toEqual({ 'secrets.refreshToken': 'Required for this preset' });
  });
});
