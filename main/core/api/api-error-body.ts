import type { ApiErrorBody } from './api-contract';

/** Whether an answer's error has the contract's shape; the bridges and the window all check. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
