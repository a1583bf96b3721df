import type { FollowUpReason } from '../domain/outcome';
import type { HttpResponse } from '../http/http-client';
import { readPath } from './json-path';
import type { ParsedRenewal } from './parsed-renewal';
import type { RenewalProfile } from '../domain/renewal-profile';
import { retryAfterFrom } from './response-times';
import { safeDescription, safeErrorCode } from './safe-text';

/** RFC 6749 §5.2 error codes and what they ask of a person. */
const REASON_BY_CODE: Record<string, FollowUpReason> = {
  invalid_grant: 'invalid_grant',
  invalid_client: 'invalid_client',
  invalid_request: 'invalid_request',
  invalid_scope: 'invalid_request',
  unsupported_grant_type: 'invalid_request',
};

const SENTENCE: Partial<Record<FollowUpReason, string>> = {
  invalid_grant: 'The partner refused the refresh token: it has expired, was revoked or was already used',
  invalid_client: 'The partner did not accept the client ID and secret',
  invalid_request: 'The partner rejected the renewal request as invalid',
  unauthorized: 'The partner did not accept the credentials sent with the renewal',
  refused: 'The partner refused the renewal',
};

export interface ServerError {
  code?: string;
  description?: string;
}

/** The error code and description in a JSON answer, both made safe to show. */
export function serverErrorIn(profile: RenewalProfile, body: unknown): ServerError {
  return {
    code: safeErrorCode(readPath(body, profile.errors.codePath)),
    description: safeDescription(readPath(body, profile.errors.descriptionPath)),
  };
}

/** A recognised OAuth error code as a follow-up, whatever the status; null when the code is not one. */
export function followUpForCode(status: number, error: ServerError): ParsedRenewal | null {
  const reason = error.code ? REASON_BY_CODE[error.code] : undefined;
  return reason ? followUp(reason, status, error) : null;
}

/** A non-success answer: transient ones retry, refusals stop and ask a person. */
export function failedRenewal(
  profile: RenewalProfile,
  response: HttpResponse,
  body: unknown,
  skew: number,
): ParsedRenewal {
  const { status } = response;
  const retryAfterMs = retryAfterFrom(response, skew);
  const retry = (reason: 'rate_limited' | 'server_error' | 'timeout', message: string): ParsedRenewal => ({
    kind: 'retry',
    reason,
    message,
    httpStatus: status,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    return retry(
      'rate_limited',
      `The partner asked TokenTray to slow down (HTTP ${status}); it will try again later.`,
    );
  }
  // The server's trouble, whatever its body says (often an HTML error page).
  if (status >= 500) {
    return retry(
      'server_error',
      `The partner's server had a problem (HTTP ${status}); TokenTray will try again.`,
    );
  }
  if (status === 408) {
    return retry(
      'timeout',
      `The partner's server timed out waiting for the request (HTTP 408); TokenTray will try again.`,
    );
  }

  const error = serverErrorIn(profile, body);
  const byCode = followUpForCode(status, error);
  if (byCode) return byCode;
  if (status === 401 || status === 403) return followUp('unauthorized', status, error);
  if (status >= 300 && status < 400) {
    return {
      kind: 'followUp',
      reason: 'refused',
      httpStatus: status,
      message:
        `The partner answered with a redirect (HTTP ${status}). TokenTray never follows redirects ` +
        'with secrets; check the endpoint address.',
    };
  }
  if (status >= 200 && status < 300) {
    const expected = profile.response.successStatus.join(' or ');
    return {
      kind: 'followUp',
      reason: 'malformed_response',
      httpStatus: status,
      message: `The partner answered HTTP ${status}, but this profile counts only HTTP ${expected} as success.`,
    };
  }
  return followUp('refused', status, error);
}

function followUp(reason: FollowUpReason, status: number, error: ServerError): ParsedRenewal {
  const detail = [`HTTP ${status}`, [error.code, error.description].filter(Boolean).join(': ')]
    .filter(Boolean)
    .join(', ');
  const sentence = SENTENCE[reason] ?? 'The partner refused the renewal';
  return {
    kind: 'followUp',
    reason,
    message: `${sentence} (${detail}).`,
    httpStatus: status,
    ...(error.code !== undefined && { serverError: error.code }),
  };
}
