import type { ConnectionInput, ConnectionSecretsInput, PresetInfo } from '../../api/types';
import { percentTextToShare } from '../../format/percent';
import { fromDateInputValue } from '../../format/time';
import { certificatesOf, pemWithLineBreaks } from '../../../main/core/domain/pem-text';
import type { FieldKey } from './connection-fields';
import type { ConnectionFormState, FormMode } from './connection-form-model';
import { requiredFields, visibleFields } from './preset-fields';

export interface BuiltConnection {
  input: ConnectionInput;
  secrets: ConnectionSecretsInput;
  /** Field key → a sentence; empty when the form can be sent. */
  errors: Partial<Record<FieldKey, string>>;
}

const INT32 = { min: -2147483648, max: 2147483647 };
const MINUTE = 60_000;

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** "30, 14, 7" → [30, 14, 7]; null when any part is not a whole number of days. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const days = parts.map(Number);
  return days.every((d) => Number.isInteger(d) && d >= 0 && d <= 366) ? days : null;
}

/**
 * The form as the API's input and secrets, with the obvious mistakes found
 * before a round trip. Fields the preset does not use are left out, so
 * switching presets never sends a stale value.
 */
export function buildConnection(
  state: ConnectionFormState,
  preset: PresetInfo | undefined,
  mode: FormMode,
): BuiltConnection {
  const visible = visibleFields(state);
  const required = requiredFields(state, preset, mode);
  const errors: Partial<Record<FieldKey, string>> = {};
  const text = (value: string) => value.trim();
  const shown = (key: FieldKey) => visible.has(key);
  const need = (key: FieldKey, value: string, message = 'Required for this preset') => {
    if (required.has(key) && value.trim() === '') errors[key] = message;
  };

  if (!state.partnerId) errors.partnerId = 'Choose the partner';
  if (text(state.label) === '') errors.label = 'Label is required';
  else if (text(state.label).length > 200) errors.label = 'Label is too long (200 characters at most)';

  need('endpoint', state.endpoint, 'Endpoint is required');
  need('settings.authorizationUrl', state.authorizationUrl, 'Required to sign in: use Discover, or enter it');
  for (const key of ['endpoint', 'verifyUrl', 'revocationUrl'] as const) {
    const value = text(state[key]);
    if (shown(key) && value !== '' && !isWebUrl(value))
      errors[key] ??= 'Enter a full URL starting with https://';
  }

  need('settings.clientId', state.clientId);
  need('settings.partnerIdHeader', state.partnerIdHeader);
  let partnerIdHeader: number | undefined;
  if (shown('settings.partnerIdHeader') && text(state.partnerIdHeader) !== '') {
    const value = Number(text(state.partnerIdHeader));
    if (!/^-?\d+$/.test(text(state.partnerIdHeader)) || value < INT32.min || value > INT32.max) {
      errors['settings.partnerIdHeader'] = 'A whole number between -2147483648 and 2147483647';
    } else {
      partnerIdHeader = value;
    }
  }

  let customProfile: unknown;
  if (state.dialect === 'custom') {
    try {
      customProfile = JSON.parse(state.customProfile);
      if (typeof customProfile !== 'object' || customProfile === null || Array.isArray(customProfile)) {
        errors.customProfile = 'The profile is a JSON object: { "request": …, "response": … }';
      }
    } catch (error) {
      errors.customProfile = `Not valid JSON: ${error instanceof Error ? error.message : 'cannot be read'}`;
    }
  }

  const renewAtShare = percentTextToShare(state.renewAtPercent, state.renewAtShareShown);
  if (renewAtShare === null) errors['policy.renewAtShare'] = 'A percentage above 0 and below 100';
  const leadTimeMinutes = parseNumber(state.leadTimeMinutes);
  if (leadTimeMinutes === null || leadTimeMinutes < 0 || leadTimeMinutes > 525_600) {
    errors['policy.leadTimeMs'] = 'Minutes, from 0 up to a year (525600)';
  }
  const jitterSeconds = parseNumber(state.jitterSeconds);
  if (jitterSeconds === null || jitterSeconds < 0 || jitterSeconds > 86_400) {
    errors['policy.jitterMs'] = 'Seconds, from 0 up to a day (86400)';
  }
  const unknownLifetimeMinutes = parseNumber(state.unknownLifetimeMinutes);
  if (unknownLifetimeMinutes === null || unknownLifetimeMinutes < 1 || unknownLifetimeMinutes > 525_600) {
    errors['policy.unknownLifetimeIntervalMs'] = 'Minutes, from 1 up to a year (525600)';
  }
  const reminderDays = parseDays(state.reminderDays);
  if (reminderDays === null || reminderDays.length > 20) {
    errors['policy.reminderDays'] = 'Whole numbers of days from 0 to 366, separated by commas (20 at most)';
  }

  const secrets: ConnectionSecretsInput = {};
  const secretFields = [
    ['clientSecret', 'secrets.clientSecret'],
    ['refreshToken', 'secrets.refreshToken'],
    ['accessToken', 'secrets.accessToken'],
    ['partnerToken', 'secrets.partnerToken'],
  ] as const;
  for (const [name, key] of secretFields) {
    if (!shown(key)) continue;
    need(key, state[name]);
    const value = text(state[name]);
    if (value !== '') secrets[name] = value;
  }
  if (shown('secrets.tokenExpiresAt') && state.tokenExpiresOn !== '') {
    const expiresAt = fromDateInputValue(state.tokenExpiresOn);
    if (expiresAt === null) errors['secrets.tokenExpiresAt'] = 'Enter a date, or leave it empty';
    else if (expiresAt <= Date.now()) errors['secrets.tokenExpiresAt'] = 'This date has passed';
    else secrets.tokenExpiresAt = expiresAt;
  }

  const clientCertificatePem = mutualTlsInputs(state, mode, shown('settings.clientCertificatePem'), errors);
  if (clientCertificatePem.key) secrets.clientKey = clientCertificatePem.key;

  const optional = (key: FieldKey, value: string) =>
    shown(key) && text(value) !== '' ? text(value) : undefined;
  const input: ConnectionInput = {
    partnerId: state.partnerId,
    label: text(state.label),
    dialect: state.dialect,
    endpoint: state.dialect === 'manual' ? '' : text(state.endpoint),
    settings: {
      clientId: optional('settings.clientId', state.clientId),
      partnerIdHeader,
      apiVersion: optional('settings.apiVersion', state.apiVersion),
      scope: optional('settings.scope', state.scope),
      authMethod: state.authMethod,
      bodyShape: state.bodyShape,
      ...(state.dialect === 'oauth2' && {
        grant: state.grant,
        issuer: optional('settings.issuer', state.issuer),
        authorizationUrl: optional('settings.authorizationUrl', state.authorizationUrl),
        audience: optional('settings.audience', state.audience),
        resource: optional('settings.resource', state.resource),
      }),
      ...(clientCertificatePem.certificate && { clientCertificatePem: clientCertificatePem.certificate }),
    },
    customProfile:
      state.dialect === 'custom' ? (customProfile as ConnectionInput['customProfile']) : undefined,
    policy: {
      renewAtShare: renewAtShare ?? state.renewAtShareShown,
      leadTimeMs: Math.round((leadTimeMinutes ?? 0) * MINUTE),
      jitterMs: Math.round((jitterSeconds ?? 0) * 1000),
      unknownLifetimeIntervalMs: Math.round((unknownLifetimeMinutes ?? 0) * MINUTE),
      reminderDays: reminderDays ?? [],
    },
    verifyUrl: optional('verifyUrl', state.verifyUrl),
    revocationUrl: optional('revocationUrl', state.revocationUrl),
    enabled: state.enabled,
  };
  return { input, secrets, errors };
}

/**
 * The client certificate and its key, each checked for its PEM shape (the host parses both); a
 * key needs a certificate, and a new certificate needs its key unless one is stored already.
 */
function mutualTlsInputs(
  state: ConnectionFormState,
  mode: FormMode,
  shown: boolean,
  errors: Partial<Record<FieldKey, string>>,
): { certificate?: string; key?: string } {
  if (!shown) return {};
  const certificate = state.clientCertificatePem.trim();
  const key = state.clientKey.trim() === '' ? '' : pemWithLineBreaks(state.clientKey.trim());
  if (certificate !== '' && certificatesOf(certificate).length === 0) {
    errors['settings.clientCertificatePem'] = 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …)';
  }
  if (key !== '' && !/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/.test(key)) {
    errors['secrets.clientKey'] = 'Paste an unencrypted PEM private key (-----BEGIN PRIVATE KEY----- …)';
  }
  if (key !== '' && certificate === '')
    errors['settings.clientCertificatePem'] ??= 'Paste the certificate this key belongs to';
  if (certificate !== '' && key === '' && mode !== 'edit')
    errors['secrets.clientKey'] ??= 'Paste the private key of this certificate';
  return { ...(certificate !== '' && { certificate }), ...(key !== '' && { key }) };
}
