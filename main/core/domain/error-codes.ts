/**
 * Every code an error may carry across the API, closed: a new one must choose its HTTP
 * status (the API's status table is total) and every switch on codes is checked.
 */
export type ErrorCode =
  // The caller's input or request.
  | 'invalid_input'
  | 'invalid_setting'
  | 'invalid_profile'
  | 'insecure_endpoint'
  | 'empty_secret'
  | 'same_token'
  | 'not_manual'
  | 'no_token'
  | 'missing_secret'
  | 'missing_setting'
  | 'not_found'
  | 'unknown_method'
  | 'forbidden'
  | 'unauthorized'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'too_large'
  // The profile, its lock and its storage.
  | 'profile_locked'
  | 'profile_lock_lost'
  | 'store_corrupt'
  | 'store_too_new'
  | 'unsaveable_change'
  | 'storage_full'
  | 'storage_unavailable'
  // The keychain and the sealed secrets.
  | 'keychain_unavailable'
  | 'keychain_write_unconfirmed'
  | 'keychain_delete_incomplete'
  | 'migration_unconfirmed'
  | 'data_key_damaged'
  | 'secrets_locked'
  | 'secret_unreadable'
  | 'not_locked'
  // Signing in in the browser (RFC 6749 §4.1 with RFC 8252's loopback redirect).
  | SignInErrorCode
  // Anything else: a bug, shown as one sentence without detail.
  | 'internal';

/** RFC 6749 §4.1.2.1 and §5.2 error codes a sign-in names as they are. */
export type SignInServerError =
  | 'access_denied'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_request';

export type SignInErrorCode =
  | `sign_in_${SignInServerError}`
  | 'sign_in_refused'
  | 'sign_in_unreachable'
  | 'sign_in_wrong_state'
  | 'sign_in_wrong_issuer'
  | 'sign_in_invalid_answer'
  | 'sign_in_not_found'
  | 'sign_in_not_stored'
  | 'sign_in_unavailable'
  | 'sign_in_cancelled'
  | 'sign_in_timeout'
  | 'sign_in_port_in_use'
  | 'sign_in_listener_failed';

/** Codes the window and its bridge give failures that never reached a host's answer. */
export type WindowErrorCode = 'unexpected' | 'host_unreachable' | 'http_error' | 'clipboard_refused';
