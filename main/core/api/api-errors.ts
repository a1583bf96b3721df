import { z } from 'zod';
import type { ApiErrorBody } from './api-contract';
import type { ErrorCode } from '../domain/error-codes';
import { putOwn, TokenTrayError, ValidationError } from '../domain';

export interface ApiFailure {
  status: number;
  error: ApiErrorBody;
}

/**
 * The HTTP status of every code, total: a new code must choose one. 400 is the caller's
 * input; the rest are about the profile, the keychain or the host.
 */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_setting: 400,
  invalid_profile: 400,
  insecure_endpoint: 400,
  empty_secret: 400,
  not_manual: 400,
  no_token: 400,
  missing_secret: 400,
  missing_setting: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_media_type: 415,
  same_token: 409,
  profile_locked: 409,
  profile_lock_lost: 409,
  store_corrupt: 400,
  store_too_new: 400,
  unsaveable_change: 400,
  not_locked: 409,
  /** A stored secret that failed authentication: the profile file is damaged, not the caller's input. */
  secret_unreadable: 409,
  /** The profile's secrets have no key this run (see the snapshot's secretsLock). */
  secrets_locked: 423,
  keychain_unavailable: 503,
  keychain_delete_incomplete: 503,
  keychain_write_unconfirmed: 400,
  migration_unconfirmed: 400,
  data_key_damaged: 400,
  // RFC 4918 §11.5 Insufficient Storage: the change was not saved.
  storage_full: 507,
  storage_unavailable: 503,
  sign_in_access_denied: 400,
  sign_in_invalid_scope: 400,
  sign_in_unauthorized_client: 400,
  sign_in_invalid_client: 400,
  sign_in_invalid_grant: 400,
  sign_in_invalid_request: 400,
  sign_in_refused: 400,
  sign_in_unreachable: 400,
  sign_in_wrong_state: 400,
  sign_in_wrong_issuer: 400,
  sign_in_invalid_answer: 400,
  sign_in_not_found: 400,
  sign_in_not_stored: 400,
  sign_in_unavailable: 400,
  sign_in_cancelled: 400,
  sign_in_timeout: 400,
  sign_in_port_in_use: 400,
  sign_in_listener_failed: 400,
  internal: 500,
};

/** A failure with the status its code stands for. */
export function apiFailure(code: ErrorCode, message: string, guidance: string[] = []): ApiFailure {
  return { status: STATUS_BY_CODE[code], error: { code, message, guidance } };
}

/** An error as the window may see it: a TokenTrayError as it is, anything else as one sentence without detail. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      error: {
        code: error.code,
        message: error.message,
        guidance: error.guidance,
        fieldErrors: error.fieldErrors,
      },
    };
  }
  if (error instanceof TokenTrayError) {
    return apiFailure(error.code, error.message, [...error.guidance]);
  }
  // The core re-validates what it stores (settings, for one): its schema errors are still the input's fault.
  if (error instanceof z.ZodError) return invalidInput(fieldErrorsOf(error.issues));
  return apiFailure('internal', 'Something went wrong inside TokenTray, so this request did not complete.', [
    'Try again. If it keeps happening, restart TokenTray.',
  ]);
}

export function invalidInput(fieldErrors: Record<string, string>): ApiFailure {
  return {
    status: 400,
    error: { code: 'invalid_input', message: 'Some fields need attention.', guidance: [], fieldErrors },
  };
}

/** Field path → the first message for it, as the forms show them. */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  nameOf: (path: readonly PropertyKey[]) => string = (path) => path.map(String).join('.'),
): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const field = nameOf(issue.path) || 'input';
    if (!Object.hasOwn(fieldErrors, field)) putOwn(fieldErrors, field, issue.message);
  }
  return fieldErrors;
}
