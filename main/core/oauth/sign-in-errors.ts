import * as oauth from 'oauth4webapi';
import type { SignInServerError } from '../domain/error-codes';
import { TokenTrayError } from '../domain/errors';
import { guidanceFor } from '../domain/guidance';
import { HttpFailure } from '../http/http-client';

const NOTHING_CHANGED = 'Nothing was changed.';

/** RFC 6749 §4.1.2.1 and §5.2 codes as sentences; the server's own description is never shown (it may echo anything). */
const SERVER_ERRORS: Record<SignInServerError, { message: string; guidance: string[] }> = {
  access_denied: {
    message: `The sign-in was declined at the partner's page (access denied). ${NOTHING_CHANGED}`,
    guidance: ['Sign in again and allow TokenTray access, or ask the partner why the account is refused.'],
  },
  invalid_scope: {
    message: `The partner does not allow the scope this connection asks for. ${NOTHING_CHANGED}`,
    guidance: [
      "Check the scope in the connection's settings against what the partner allows, then sign in again.",
    ],
  },
  unauthorized_client: {
    message: `The partner does not let this client id sign in this way. ${NOTHING_CHANGED}`,
    guidance: [
      'Ask the partner to allow the authorization code grant and the loopback redirect for this client.',
    ],
  },
  invalid_client: {
    message: `The partner rejected the client id or client secret when TokenTray asked for the tokens. ${NOTHING_CHANGED}`,
    guidance: ["Check the client id and enter the client secret again in the connection's settings."],
  },
  invalid_grant: {
    message: `The partner did not accept the sign-in's code (it may have expired or been used). ${NOTHING_CHANGED}`,
    guidance: ['Sign in again.'],
  },
  invalid_request: {
    message: `The partner rejected the sign-in request as malformed. ${NOTHING_CHANGED}`,
    guidance: ["Check the connection's client id, scope and endpoints against the partner's documentation."],
  },
};

/**
 * Any failure of a sign-in as a TokenTrayError the window can show: a code, one sentence, what to
 * do. Messages never carry the callback's parameters, a code, a verifier or the server's body.
 */
export function signInFailure(error: unknown): TokenTrayError {
  if (error instanceof TokenTrayError) return error;
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError) {
    if (Object.hasOwn(SERVER_ERRORS, error.error)) {
      const known = error.error as SignInServerError;
      const { message, guidance } = SERVER_ERRORS[known];
      return new TokenTrayError(`sign_in_${known}`, message, guidance);
    }
    const code = /^[a-z_]{1,40}$/.test(error.error) ? error.error : 'unknown';
    return new TokenTrayError(
      'sign_in_refused',
      `The partner refused the sign-in (${code}). ${NOTHING_CHANGED}`,
      ['Sign in again. If it keeps happening, tell the partner the error code above.'],
    );
  }
  const failure = error instanceof HttpFailure ? error : error instanceof Error ? error.cause : undefined;
  if (failure instanceof HttpFailure) {
    return new TokenTrayError(
      'sign_in_unreachable',
      `The partner's token endpoint could not be reached after the sign-in: ${failure.message}. ${NOTHING_CHANGED}`,
      networkGuidance(failure),
    );
  }
  if (error instanceof oauth.OperationProcessingError && error.code === oauth.INVALID_RESPONSE) {
    if (/"state"/.test(error.message)) {
      return new TokenTrayError(
        'sign_in_wrong_state',
        `The answer that came back does not belong to this sign-in (its state does not match), so it was ignored. ${NOTHING_CHANGED}`,
        ['Start the sign-in again from TokenTray and finish it in the tab that opens.'],
      );
    }
    if (/"iss"/.test(error.message)) {
      return new TokenTrayError(
        'sign_in_wrong_issuer',
        `The answer to the sign-in came from another issuer than this connection's. ${NOTHING_CHANGED}`,
        ["Check the connection's issuer URL (use Discover to fill it), then sign in again."],
      );
    }
  }
  return new TokenTrayError(
    'sign_in_invalid_answer',
    `The partner's answer to the sign-in could not be accepted, so no token was stored. ${NOTHING_CHANGED}`,
    ["Check the connection's issuer and endpoints, then sign in again."],
  );
}

/** A proxy or certificate setting to fix is named as a renewal names it; anything else is the network's. */
function networkGuidance(failure: HttpFailure): string[] {
  switch (failure.kind) {
    case 'proxy_refused':
    case 'tls_untrusted':
    case 'tls_handshake':
      return [...guidanceFor(failure.kind), 'Then sign in again.'];
    default:
      return ['Check your network, then sign in again.'];
  }
}
