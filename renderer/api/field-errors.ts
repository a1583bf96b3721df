import { API_ARGUMENTS } from '../../main/core/api/api-methods';
import { putOwn } from '../../main/core/domain/dictionary';
import type { ApiMethod } from './types';

/**
 * Field errors keyed the way the form names its fields. A host that validates the
 * argument tuple may report `1.refreshToken`; the form knows it as `secrets.refreshToken`
 * (the argument's name in the contract). Errors the host named already stay as they are.
 */
export function formFieldErrors(method: ApiMethod, errors: Record<string, string>): Record<string, string> {
  const fields: readonly string[] = API_ARGUMENTS[method];
  const result: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^(\d+)(?:\.(.*))?$/.exec(key);
    let field = key;
    if (match) {
      const prefix = fields[Number(match[1])];
      const rest = match[2];
      if (prefix === undefined) field = rest ?? key;
      else field = [prefix, rest].filter(Boolean).join('.') || key;
    }
    if (!Object.hasOwn(result, field)) putOwn(result, field, message);
  }
  return result;
}
