/** Form fields, keyed the way the host names them in `fieldErrors`. */
export type FieldKey =
  | 'partnerId'
  | 'label'
  | 'dialect'
  | 'endpoint'
  | 'settings.clientId'
  | 'settings.partnerIdHeader'
  | 'settings.apiVersion'
  | 'settings.scope'
  | 'settings.authMethod'
  | 'settings.bodyShape'
  | 'settings.issuer'
  | 'settings.grant'
  | 'settings.authorizationUrl'
  | 'settings.audience'
  | 'settings.resource'
  | 'verifyUrl'
  | 'revocationUrl'
  | 'customProfile'
  | 'policy.renewAtShare'
  | 'policy.leadTimeMs'
  | 'policy.jitterMs'
  | 'policy.unknownLifetimeIntervalMs'
  | 'policy.reminderDays'
  | 'secrets.clientSecret'
  | 'secrets.refreshToken'
  | 'secrets.accessToken'
  | 'secrets.partnerToken'
  | 'secrets.tokenExpiresAt'
  | 'settings.clientCertificatePem'
  | 'secrets.clientKey';

export const FIELD_LABEL: Record<FieldKey, string> = {
  partnerId: 'Partner',
  label: 'Label',
  dialect: 'Preset',
  endpoint: 'Endpoint',
  'settings.clientId': 'Client ID',
  'settings.partnerIdHeader': 'Partner ID',
  'settings.apiVersion': 'API version',
  'settings.scope': 'Scope',
  'settings.authMethod': 'Client authentication',
  'settings.bodyShape': 'Body shape',
  'settings.issuer': 'Issuer URL',
  'settings.grant': 'How tokens are got',
  'settings.authorizationUrl': 'Authorization URL',
  'settings.audience': 'Audience',
  'settings.resource': 'Resource',
  verifyUrl: 'Verify URL',
  revocationUrl: 'Revocation URL',
  customProfile: 'Custom profile',
  'policy.renewAtShare': 'Renew at (% of lifetime)',
  'policy.leadTimeMs': 'Lead time (minutes)',
  'policy.jitterMs': 'Jitter (seconds)',
  'policy.unknownLifetimeIntervalMs': 'Unknown lifetime: renew every (minutes)',
  'policy.reminderDays': 'Reminder days',
  'secrets.clientSecret': 'Client secret',
  'secrets.refreshToken': 'Refresh token',
  'secrets.accessToken': 'Access token',
  'secrets.partnerToken': 'Token',
  'secrets.tokenExpiresAt': 'Expires on',
  'settings.clientCertificatePem': 'Client certificate (PEM)',
  'secrets.clientKey': 'Client certificate private key (PEM)',
};

/** The DOM id of a field's control. */
export function fieldId(key: string): string {
  return `connection-${key.replace(/\./g, '-')}`;
}

/** A host error key (`customProfile.request.path`, `policy.reminderDays.2`) → the field that shows it. */
export function fieldOf(key: string): FieldKey | null {
  if (key in FIELD_LABEL) return key as FieldKey;
  if (key.startsWith('customProfile')) return 'customProfile';
  if (key.startsWith('policy.reminderDays')) return 'policy.reminderDays';
  if (key === 'settings.partnerIdHeader' || key.startsWith('settings.partnerIdHeader'))
    return 'settings.partnerIdHeader';
  return null;
}
