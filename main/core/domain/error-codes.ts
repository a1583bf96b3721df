/**
 * Every code an error may carry across the API, closed, with the HTTP status the browser
 * host answers it with: a new code must choose one, and every switch on codes is checked.
 * 400 is the caller's input; the rest are about the profile, the keychain or the host.
 */
export const STATUS_BY_CODE = {
  // The caller's input or request.
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
  same_token: 409,
  too_large: 413,
  unsupported_media_type: 415,
  // The profile, its lock and its storage.
  store_corrupt: 400,
  store_too_new: 400,
  unsaveable_change: 400,
  profile_locked: 409,
  profile_lock_lost: 409,
  // RFC 4918 §11.5 Insufficient Storage: the change was not saved.
  storage_full: 507,
  storage_unavailable: 503,
  // A shared workspace on PostgreSQL.
  /** Set up by a newer TokenTray: its schema is one this version does not know. */
  workspace_too_new: 400,
  /** The workspace's database refused the login: a wrong password, or none given where one is needed. */
  workspace_login_refused: 400,
  /** Another member's instance renews that connection now. */
  renewing_elsewhere: 409,
  /** Join codes are made in a workspace: this TokenTray runs on its own profile. */
  not_a_workspace: 400,
  /** A join code that is not whole, not this workspace's, or was changed (here or in the database). */
  join_code_invalid: 400,
  join_code_expired: 400,
  /** A join code works once, and it has been used. */
  join_code_used: 409,
  /** The workspace's key is in every member's keychain: a new one would lock out all the others. */
  workspace_key_shared: 409,
  /** This profile moved into a workspace (or is moving): it renews nothing on its own any more. */
  profile_moved: 409,
  /** Moving needs the workspace's key in this keychain: join it first. */
  workspace_key_missing: 409,
  /** The workspace already holds a partner or connection with one of the moving ids. */
  move_conflict: 409,
  /** A fresh local profile is moved into: that folder already holds one. */
  profile_not_empty: 409,
  // The keychain and the sealed secrets.
  keychain_write_unconfirmed: 400,
  migration_unconfirmed: 400,
  data_key_damaged: 400,
  not_locked: 409,
  /** A stored secret that failed authentication: the profile file is damaged, not the caller's input. */
  secret_unreadable: 409,
  /** The profile's secrets have no key this run (see the snapshot's secretsLock). */
  secrets_locked: 423,
  keychain_unavailable: 503,
  keychain_delete_incomplete: 503,
  // Signing in in the browser (RFC 6749 §4.1 with RFC 8252's loopback redirect).
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
  // Anything else: a bug, shown as one sentence without detail.
  internal: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

/** RFC 6749 §4.1.2.1 and §5.2 error codes a sign-in names as they are (`sign_in_access_denied`). */
export type SignInServerError =
  | 'access_denied'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_request';

/** Codes the window and its bridge give failures that never reached a host's answer. */
export type WindowErrorCode = 'unexpected' | 'host_unreachable' | 'http_error' | 'clipboard_refused';
