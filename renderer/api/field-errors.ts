import { ownEntry, putOwn } from '../../main/core/domain/dictionary';
import type { ApiMethod } from './types';

/**
 * Where each argument of a call sits in its form. A host that validates the
 * argument tuple reports `1.refreshToken`; the form knows it as `secrets.refreshToken`.
 * null: an argument no field shows (an id).
 */
const ARGUMENT_FIELDS: Partial<Record<ApiMethod, Array<string | null>>> = {
  addPartner: [''],
  updatePartner: [null, ''],
  addConnection: ['', 'secrets'],
  updateConnection: [null, '', 'secrets'],
  replaceManualToken: [null, 'token', 'expiresAt'],
  updateSettings: [''],
  importData: ['contents'],
  exportBackup: ['passphrase'],
  importBackup: ['contents', 'passphrase'],
};

/** The host's field errors keyed the way the form names its fields. */
export function formFieldErrors(method: ApiMethod, errors: Record<string, string>): Record<string, string> {
  const fields = ownEntry(ARGUMENT_FIELDS, method) ?? [];
  const result: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^(\d+)(?:\.(.*))?$/.exec(key);
    let field = key;
    if (match) {
      const prefix = fields[Number(match[1])];
      const rest = match[2];
      if (prefix === null || prefix === undefined) field = rest ?? key;
      else field = [prefix, rest].filter(Boolean).join('.') || key;
    }
    if (!Object.hasOwn(result, field)) putOwn(result, field, message);
  }
  return result;
}
