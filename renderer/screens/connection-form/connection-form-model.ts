import type { Connection, Dialect, Settings } from '../../api/types';

export type OAuthGrant = 'refresh_token' | 'client_credentials' | 'authorization_code';
import { shareToPercentText } from '../../format/percent';

export type FormMode = 'add' | 'edit' | 'reAdd';

/** Every input of the form as typed: strings until submit, so nothing typed is ever lost or reformatted. */
export interface ConnectionFormState {
  partnerId: string;
  label: string;
  dialect: Dialect;
  endpoint: string;
  clientId: string;
  partnerIdHeader: string;
  apiVersion: string;
  scope: string;
  authMethod: 'basic' | 'body' | 'none';
  bodyShape: 'flat' | 'wrapped';
  /** oauth2: how tokens are got (RFC 6749 §6 refresh, §4.4 client credentials, §4.1 sign-in). */
  grant: OAuthGrant;
  issuer: string;
  authorizationUrl: string;
  audience: string;
  resource: string;
  verifyUrl: string;
  revocationUrl: string;
  customProfile: string;
  enabled: boolean;
  renewAtPercent: string;
  /** The share the form was opened with, so an untouched 66.7 % stays exactly 2/3. */
  renewAtShareShown: number;
  leadTimeMinutes: string;
  jitterSeconds: string;
  /** How often a token of unknown lifetime renews, in minutes. */
  unknownLifetimeMinutes: string;
  reminderDays: string;
  clientSecret: string;
  refreshToken: string;
  accessToken: string;
  partnerToken: string;
  tokenExpiresOn: string;
  /** Mutual TLS: the certificate the partner issued; its key is a secret, below. */
  clientCertificatePem: string;
  clientKey: string;
}

export const CUSTOM_PROFILE_TEMPLATE = `{
  "request": {
    "method": "POST",
    "path": "",
    "clientAuth": "basic",
    "headers": {},
    "body": {
      "encoding": "form",
      "fields": {
        "grant_type": "refresh_token",
        "refresh_token": "{{refreshToken}}"
      }
    }
  },
  "response": {
    "successStatus": [200],
    "accessToken": "access_token",
    "refreshToken": "refresh_token",
    "expiry": [{ "kind": "expiresIn", "path": "expires_in" }]
  }
}`;

const MINUTE = 60_000;

export function connectionFormState(input: {
  connection?: Connection;
  partnerId?: string;
  defaults: Settings;
}): ConnectionFormState {
  const { connection, defaults } = input;
  const policy = connection?.policy ?? defaults.renewalPolicy;
  const settings = connection?.settings;
  return {
    partnerId: connection?.partnerId ?? input.partnerId ?? '',
    label: connection?.label ?? '',
    dialect: connection?.dialect ?? 'oauth2',
    endpoint: connection?.endpoint ?? '',
    clientId: settings?.clientId ?? '',
    partnerIdHeader: settings?.partnerIdHeader === undefined ? '' : String(settings.partnerIdHeader),
    apiVersion: settings?.apiVersion ?? '',
    scope: settings?.scope ?? '',
    authMethod: settings?.authMethod ?? 'basic',
    bodyShape: settings?.bodyShape ?? 'flat',
    grant: settings?.grant ?? 'refresh_token',
    issuer: settings?.issuer ?? '',
    authorizationUrl: settings?.authorizationUrl ?? '',
    audience: settings?.audience ?? '',
    resource: settings?.resource ?? '',
    verifyUrl: connection?.verifyUrl ?? '',
    revocationUrl: connection?.revocationUrl ?? '',
    customProfile: connection?.customProfile ? JSON.stringify(connection.customProfile, null, 2) : '',
    enabled: connection?.enabled ?? true,
    renewAtPercent: shareToPercentText(policy.renewAtShare),
    renewAtShareShown: policy.renewAtShare,
    leadTimeMinutes: String(policy.leadTimeMs / MINUTE),
    jitterSeconds: String(policy.jitterMs / 1000),
    unknownLifetimeMinutes: String(policy.unknownLifetimeIntervalMs / MINUTE),
    reminderDays: [...policy.reminderDays].sort((a, b) => b - a).join(', '),
    // Secrets are never sent to the window: every secret field starts empty.
    clientSecret: '',
    refreshToken: '',
    accessToken: '',
    partnerToken: '',
    tokenExpiresOn: '',
    clientCertificatePem: settings?.clientCertificatePem ?? '',
    clientKey: '',
  };
}
