import type { Connection, Dialect } from '../domain/connection';
import { ValidationError } from '../domain/errors';
import type { RenewalProfile } from '../domain/renewal-profile';
import { BEARER_ROTATION_PROFILE } from './presets/bearer-rotation';
import { OAUTH_TOKENS_ENVELOPE_PROFILE } from './presets/oauth-tokens-envelope';
import { OAUTH2_PROFILE } from './presets/oauth2';
import { OAUTH2_CLIENT_CREDENTIALS_PROFILE } from './presets/oauth2-client-credentials';
import { PARTNER_HEADER_PROFILE } from './presets/partner-header';

export type PresetDialect = 'oauth2' | 'oauth-tokens-envelope' | 'partner-header' | 'bearer-rotation';
export type SecretKind = 'clientSecret' | 'refreshToken' | 'accessToken' | 'partnerToken';

export const PRESET_PROFILES: Record<PresetDialect, RenewalProfile> = {
  oauth2: OAUTH2_PROFILE,
  'oauth-tokens-envelope': OAUTH_TOKENS_ENVELOPE_PROFILE,
  'partner-header': PARTNER_HEADER_PROFILE,
  'bearer-rotation': BEARER_ROTATION_PROFILE,
};

/** The profile a connection renews with; null for manual tokens, which a person renews in the partner's portal. */
export function profileFor(connection: Connection): RenewalProfile | null {
  switch (connection.dialect) {
    case 'manual':
      return null;
    case 'custom':
      if (!connection.customProfile) {
        throw new ValidationError('This connection uses a custom profile, but none has been defined yet.', {
          customProfile: 'Define the custom renewal profile.',
        });
      }
      return connection.customProfile;
    case 'oauth2':
      return usesClientCredentials(connection) ? OAUTH2_CLIENT_CREDENTIALS_PROFILE : OAUTH2_PROFILE;
    case 'oauth-tokens-envelope':
      // oauth-tokens-envelope servers take either a flat body or one wrapped as {"token": {...}}.
      if (connection.settings.bodyShape === 'wrapped') {
        const preset = PRESET_PROFILES['oauth-tokens-envelope'];
        return {
          ...preset,
          request: { ...preset.request, body: { ...preset.request.body, wrapIn: 'token' } },
        };
      }
      return PRESET_PROFILES['oauth-tokens-envelope'];
    default:
      return PRESET_PROFILES[connection.dialect];
  }
}

/** RFC 6749 §4.4: renewed with the client's own credentials, so no refresh token is ever needed. */
export function usesClientCredentials(connection: Pick<Connection, 'dialect' | 'settings'>): boolean {
  return connection.dialect === 'oauth2' && connection.settings.grant === 'client_credentials';
}

/** The secrets a person must type in when adding a connection; tokens got by signing in are not among them. */
export function requiredSecretsFor(connection: Pick<Connection, 'dialect' | 'settings'>): SecretKind[] {
  if (connection.dialect === 'oauth2' && connection.settings.grant !== undefined) {
    const client: SecretKind[] = connection.settings.authMethod === 'none' ? [] : ['clientSecret'];
    return connection.settings.grant === 'refresh_token' ? ['refreshToken', ...client] : client;
  }
  return PRESET_DESCRIPTIONS[connection.dialect].requiredSecrets;
}

export interface PresetDescription {
  title: string;
  summary: string;
  /** Keys of the connection's settings that must be filled in (the endpoint is needed by every dialect but manual). */
  requiredSettings: string[];
  requiredSecrets: SecretKind[];
}

export const PRESET_DESCRIPTIONS: Record<Dialect, PresetDescription> = {
  oauth2: {
    title: 'OAuth 2.0',
    summary:
      'Standard OAuth 2.0 (RFC 6749) at the full token URL, or found from an issuer URL: sign in in your ' +
      'browser, renew with a refresh token, or with client credentials; the client id and secret go in ' +
      'HTTP Basic or in the body.',
    requiredSettings: ['clientId'],
    requiredSecrets: ['refreshToken', 'clientSecret'],
  },
  'oauth-tokens-envelope': {
    title: 'OAuth tokens with envelope',
    summary:
      'Posts the client id, client secret and refresh token as JSON to <base URL>/oauth/tokens; ' +
      'the new token comes back inside a {meta, data} envelope.',
    requiredSettings: ['clientId'],
    requiredSecrets: ['refreshToken', 'clientSecret'],
  },
  'partner-header': {
    title: 'Partner id header',
    summary:
      'Posts the refresh token as JSON to <base URL>/v1/auth/token with the partner id and ' +
      'grant type in headers; access tokens last about 24 hours.',
    requiredSettings: ['partnerIdHeader'],
    requiredSecrets: ['refreshToken'],
  },
  'bearer-rotation': {
    title: 'Bearer with rotating refresh token',
    summary:
      'Posts the refresh token to <base URL>/User/RefreshToken with the current access token as Bearer. ' +
      'Both tokens rotate every time and refresh tokens last about 30 days, so TokenTray renews before then.',
    requiredSettings: [],
    requiredSecrets: ['accessToken', 'refreshToken'],
  },
  manual: {
    title: 'Manual partner token',
    summary:
      'A token issued in a partner or merchant portal, typically valid for one year. TokenTray reminds you ' +
      'before it expires and you paste the new one; the old one stays usable until its own expiry.',
    requiredSettings: [],
    requiredSecrets: ['partnerToken'],
  },
  custom: {
    title: 'Custom profile',
    summary:
      'For a partner that fits none of the presets: describe the request and where the new token sits in the answer.',
    requiredSettings: [],
    // Depends on the profile: see secretsNeededFor.
    requiredSecrets: [],
  },
};
