import { PRESET_DESCRIPTIONS } from '../../main/core/dialects/presets';
import { FIELD_LABEL, type FieldKey } from '../../renderer/screens/connection-form/connection-fields';
import { connectionFor } from '../support/connection-for';
import type { Provisioned } from './types';

/**
 * What `npm run simulator` prints for each account it provisions: the fields of
 * TokenTray's connection form, named as the form names them, each value alone at
 * the end of its line so it can be selected and pasted whole (nothing follows a
 * URL or a token, not even a full stop).
 */
export function tryItLines(provisioned: Provisioned): string[] {
  const { input, secrets } = connectionFor(provisioned, 'partner');
  const fields: [FieldKey, string | number | undefined][] = [
    ['dialect', PRESET_DESCRIPTIONS[provisioned.dialect].title],
    ['endpoint', input.endpoint || undefined],
    ['settings.clientId', input.settings?.clientId],
    ['settings.partnerIdHeader', input.settings?.partnerIdHeader],
    ['settings.apiVersion', input.settings?.apiVersion],
    ['secrets.clientSecret', secrets.clientSecret],
    ['secrets.refreshToken', secrets.refreshToken],
    ['secrets.accessToken', secrets.accessToken],
    ['secrets.partnerToken', secrets.partnerToken],
    [
      'secrets.tokenExpiresAt',
      provisioned.dialect === 'manual' && secrets.tokenExpiresAt
        ? dateInput(secrets.tokenExpiresAt)
        : undefined,
    ],
    ['verifyUrl', input.verifyUrl],
    ['revocationUrl', input.revocationUrl],
  ];
  const present = fields.filter((field): field is [FieldKey, string | number] => field[1] !== undefined);
  const width = Math.max(...present.map(([key]) => FIELD_LABEL[key].length)) + 1;
  return present.map(([key, value]) => `  ${`${FIELD_LABEL[key]}:`.padEnd(width)} ${value}`);
}

/** The form's "Expires on" is a date input: YYYY-MM-DD in local time. */
function dateInput(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
