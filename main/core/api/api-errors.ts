import { z } from 'zod';
import type { ApiErrorBody } from '../../../preload/api';
import { ownEntry, putOwn, TokenTrayError, ValidationError } from '../domain';

export interface ApiFailure {
  status: number;
  error: ApiErrorBody;
}

/** Codes that are not the caller's input being wrong. Every other TokenTrayError answers 400. */
const STATUS_BY_CODE: Record<string, number> = {
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  profile_locked: 409,
  profile_lock_lost: 409,
  same_token: 409,
  keychain_unavailable: 503,
  /** The profile's secrets have no key this run (see the snapshot's secretsLock). */
  secrets_locked: 423,
  not_locked: 409,
  /** A stored secret that failed authentication: the profile file is damaged, not the caller's input. */
  secret_unreadable: 409,
  keychain_delete_incomplete: 503,
  // RFC 4918 §11.5 Insufficient Storage: the change was not saved.
  storage_full: 507,
  storage_unavailable: 503,
  /** Another member's instance renews that connection now (a shared workspace). */
  renewing_elsewhere: 409,
};

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
    return {
      status: ownEntry(STATUS_BY_CODE, error.code) ?? 400,
      error: { code: error.code, message: error.message, guidance: [...error.guidance] },
    };
  }
  // The core re-validates what it stores (settings, for one): its schema errors are still the input's fault.
  if (error instanceof z.ZodError) return invalidInput(fieldErrorsOf(error.issues));
  return {
    status: 500,
    error: {
      code: 'internal',
      message: 'Something went wrong inside TokenTray, so this request did not complete.',
      guidance: ['Try again. If it keeps happening, restart TokenTray.'],
    },
  };
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
