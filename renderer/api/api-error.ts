import { isApiErrorBody } from '../../main/core/api/api-error-body';
import type { ApiErrorBody, ApiErrorCode } from './types';

/** An API call that failed: the host's error body, ready to show (a sentence, what to do, field errors). */
export class ApiError extends Error {
  readonly body: ApiErrorBody;
  /** The HTTP status in the browser host; null over IPC or when the host did not answer. */
  readonly status: number | null;

  constructor(body: ApiErrorBody, status: number | null = null) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
    this.status = status;
  }

  get code(): ApiErrorCode {
    return this.body.code;
  }

  get fieldErrors(): Record<string, string> {
    return this.body.fieldErrors ?? {};
  }
}

export const HOST_UNREACHABLE: ApiErrorBody = {
  code: 'host_unreachable',
  message: 'TokenTray is not answering.',
  guidance: ['Check that TokenTray is still running, then try again.'],
};

/** Whatever a call threw (an ApiError, an error body that crossed IPC, a plain Error) as an ApiError. */
export function toApiError(error: unknown, status: number | null = null): ApiError {
  if (error instanceof ApiError) return error;
  if (isApiErrorBody(error)) return new ApiError(normalise(error), status);
  if (error instanceof Error) {
    const carried = (error as Error & { body?: unknown }).body;
    if (isApiErrorBody(carried)) return new ApiError(normalise(carried), status);
    // Electron's IPC keeps only the message: hosts may put the JSON body there.
    const body = parseBodyFromMessage(error.message);
    if (body) return new ApiError(body, status);
    return new ApiError({ code: 'unexpected', message: plainMessage(error.message), guidance: [] }, status);
  }
  return new ApiError({ code: 'unexpected', message: 'Something went wrong.', guidance: [] }, status);
}

function normalise(body: ApiErrorBody): ApiErrorBody {
  return {
    code: body.code,
    message: body.message,
    guidance: Array.isArray(body.guidance) ? body.guidance.filter((g) => typeof g === 'string') : [],
    ...(body.fieldErrors ? { fieldErrors: body.fieldErrors } : {}),
  };
}

function parseBodyFromMessage(message: string): ApiErrorBody | null {
  const start = message.indexOf('{');
  if (start < 0) return null;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    return isApiErrorBody(parsed) ? normalise(parsed) : null;
  } catch {
    return null;
  }
}

/** Electron prefixes "Error invoking remote method 'x': Error: "; people need only the sentence. */
function plainMessage(message: string): string {
  const cleaned = message
    .replace(/^Error invoking remote method '[^']*':\s*/, '')
    .replace(/^\w*Error:\s*/, '');
  return cleaned || 'Something went wrong.';
}
