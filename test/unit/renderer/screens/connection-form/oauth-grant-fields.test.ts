import { describe, expect, it } from 'vitest';
import type { PresetInfo, Settings } from '../../../../../renderer/api/types';
import { buildConnection } from '../../../../../renderer/screens/connection-form/connection-form-input';
import type { ConnectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import { connectionFormState } from '../../../../../renderer/screens/connection-form/connection-form-model';
import { visibleFields } from '../../../../../renderer/screens/connection-form/preset-fields';

const DEFAULTS = {
  renewalPolicy: {
    renewAtShare: 2 / 3,
    leadTimeMs: 300_000,
    jitterMs: 30_000,
    reminderDays: [30, 14, 7, 3, 1],
    unknownLifetimeIntervalMs: 3_600_000,
  },
} as Settings;

const OAUTH2: PresetInfo = {
  dialect: 'oauth2',
  title: 'OAuth 2.0',
  summary: '',
  requiredSettings: ['clientId'],
  requiredSecrets: ['refreshToken', 'clientSecret'],
};

function oauthForm(overrides: Partial<ConnectionFormState>): ConnectionFormState {
  return {
    ...connectionFormState({ partnerId: 'p1', defaults: DEFAULTS }),
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
    expect(buildConnection(state, OAUTH2, 'add').errors).toEqual({
      'settings.authorizationUrl': 'Required to sign in: use Discover, or enter it',
    });
    const built = buildConnection(
      { ...state, authorizationUrl: 'https://login.partner.example/auth' },
      OAUTH2,
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
    const built = buildConnection(state, OAUTH2, 'add');
    expect(built.errors).toEqual({});
    expect(built.input.settings).toMatchObject({
      grant: 'client_credentials',
      audience: 'https://orders.example',
    });
    expect(built.secrets).toEqual({ clientSecret: 'client-secret' });
  });

  it('a refresh token typed in is still required where that is the way', () => {
    const built = buildConnection(oauthForm({ grant: 'refresh_token' }), OAUTH2, 'add');
    expect(built.errors).toEqual({ 'secrets.refreshToken': 'Required for this preset' });
  });
});
