import { z } from 'zod';
import type { ApiErrorBody } from './api-contract';
import type { ErrorCode } from '../domain/error-codes';
import { STATUS_BY_CODE } from '../domain/error-codes';
import { putOwn, TokenTrayError, ValidationError } from '../domain';

export interface ApiFailure {
  status: number;
  error: ApiErrorBody;
}

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
