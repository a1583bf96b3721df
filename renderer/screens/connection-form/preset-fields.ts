import type { Dialect, PresetInfo } from '../../api/types';
import type { FieldKey } from './connection-fields';
import type { ConnectionFormState, FormMode, OAuthGrant } from './connection-form-model';

const TOKEN_ENDPOINT: FieldKey[] = ['endpoint', 'verifyUrl', 'revocationUrl'];

/** Which fields each preset needs; the rest stay out of sight. */
const OAUTH2_COMMON: FieldKey[] = [
  'settings.issuer',
  'settings.grant',
  ...TOKEN_ENDPOINT,
  'settings.clientId',
  'settings.scope',
  'settings.authMethod',
  'secrets.clientSecret',
];

/** oauth2 asks only for what its way of getting tokens needs: no refresh token to type when it signs in. */
const OAUTH2_GRANT_FIELDS: Record<OAuthGrant, FieldKey[]> = {
  refresh_token: [...OAUTH2_COMMON, 'secrets.refreshToken', 'secrets.accessToken'],
  client_credentials: [...OAUTH2_COMMON, 'settings.audience', 'settings.resource'],
  authorization_code: [...OAUTH2_COMMON, 'settings.authorizationUrl'],
};

const PRESET_FIELDS: Record<Exclude<Dialect, 'custom' | 'oauth2'>, FieldKey[]> = {
  'oauth-tokens-envelope': [
    ...TOKEN_ENDPOINT,
    'settings.clientId',
    'settings.bodyShape',
    'secrets.clientSecret',
    'secrets.refreshToken',
    'secrets.accessToken',
  ],
  'partner-header': [
    ...TOKEN_ENDPOINT,
    'settings.partnerIdHeader',
    'secrets.refreshToken',
    'secrets.accessToken',
  ],
  'bearer-rotation': [
    ...TOKEN_ENDPOINT,
    'settings.apiVersion',
    'secrets.accessToken',
    'secrets.refreshToken',
  ],
  manual: ['secrets.partnerToken', 'secrets.tokenExpiresAt', 'verifyUrl'],
};

const PLACEHOLDER_FIELDS: Record<string, FieldKey> = {
  clientId: 'settings.clientId',
  clientSecret: 'secrets.clientSecret',
  refreshToken: 'secrets.refreshToken',
  accessToken: 'secrets.accessToken',
  scope: 'settings.scope',
  partnerIdHeader: 'settings.partnerIdHeader',
  apiVersion: 'settings.apiVersion',
};

/** A custom profile shows the fields its `{{placeholders}}` and client authentication use. */
export function customProfileFields(text: string): FieldKey[] {
  const fields = new Set<FieldKey>([...TOKEN_ENDPOINT, 'customProfile']);
  for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    const field = PLACEHOLDER_FIELDS[match[1] ?? ''];
    if (field) fields.add(field);
  }
  const clientAuth = /"clientAuth"\s*:\s*"(\w+)"/.exec(text)?.[1];
  if (clientAuth && clientAuth !== 'none') {
    fields.add('settings.clientId');
    fields.add('secrets.clientSecret');
    if (clientAuth === 'connection') fields.add('settings.authMethod');
  }
  if (/"bearerAccessToken"\s*:\s*true/.test(text)) fields.add('secrets.accessToken');
  return [...fields];
}

const ALWAYS: FieldKey[] = ['partnerId', 'label', 'dialect'];

export function visibleFields(state: ConnectionFormState): Set<FieldKey> {
  const own =
    state.dialect === 'custom'
      ? customProfileFields(state.customProfile)
      : state.dialect === 'oauth2'
        ? OAUTH2_GRANT_FIELDS[state.grant]
        : PRESET_FIELDS[state.dialect];
  return new Set([...ALWAYS, ...own]);
}

const SECRET_FIELD: Record<string, FieldKey> = {
  clientSecret: 'secrets.clientSecret',
  refreshToken: 'secrets.refreshToken',
  accessToken: 'secrets.accessToken',
  partnerToken: 'secrets.partnerToken',
};

/** Required fields for the preset: its settings, the endpoint, and its secrets unless they are already stored. */
export function requiredFields(
  state: ConnectionFormState,
  preset: PresetInfo | undefined,
  mode: FormMode,
): Set<FieldKey> {
  const required = new Set<FieldKey>(['partnerId', 'label']);
  if (state.dialect !== 'manual') required.add('endpoint');
  if (state.dialect === 'custom') required.add('customProfile');
  if (state.dialect === 'oauth2' && state.grant === 'authorization_code')
    required.add('settings.authorizationUrl');
  for (const setting of preset?.requiredSettings ?? []) required.add(`settings.${setting}` as FieldKey);
  if (mode !== 'edit') {
    for (const secret of preset?.requiredSecrets ?? []) {
      const field = SECRET_FIELD[secret];
      const publicClient = field === 'secrets.clientSecret' && state.authMethod === 'none';
      if (field && visibleFields(state).has(field) && !publicClient) required.add(field);
    }
  }
  return required;
}
