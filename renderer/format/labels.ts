import { STATUS_SEVERITY } from '../../main/core/view/connection-status';
import type { AuditEntry, ConnectionStatus, Dialect, TokenStatus } from '../api/types';

/** The words people read for each connection status; colour and icon only repeat them. */
export const STATUS_LABEL: Record<ConnectionStatus, string> = {
  needsAction: 'Needs action',
  retrying: 'Retrying',
  expiringSoon: 'Expiring soon',
  renewing: 'Renewing',
  paused: 'Paused',
  healthy: 'Healthy',
};

/** Urgency order of the list: what needs a person first, healthy last (the core's severity). */
export const STATUS_ORDER = (Object.keys(STATUS_SEVERITY) as ConnectionStatus[]).sort(
  (a, b) => STATUS_SEVERITY[b] - STATUS_SEVERITY[a],
);

export const TOKEN_STATUS_LABEL: Record<TokenStatus, string> = {
  new: 'New',
  active: 'Active',
  renewed: 'Renewed',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** Short names for the list and filters; the form shows the presets' own titles and summaries. */
export const DIALECT_LABEL: Record<Dialect, string> = {
  oauth2: 'OAuth 2.0',
  'oauth-tokens-envelope': 'OAuth envelope',
  'partner-header': 'Partner header',
  'bearer-rotation': 'Bearer rotation',
  manual: 'Manual',
  custom: 'Custom',
};

export const DIALECTS = Object.keys(DIALECT_LABEL) as Dialect[];

export const AUDIT_ACTION_LABEL: Record<AuditEntry['action'], string> = {
  partnerAdded: 'Partner added',
  partnerUpdated: 'Partner edited',
  partnerRemoved: 'Partner removed',
  connectionAdded: 'Connection added',
  connectionUpdated: 'Connection edited',
  connectionRemoved: 'Connection removed',
  issued: 'Token issued',
  renewed: 'Renewed',
  signedIn: 'Signed in',
  renewalRetry: 'Renewal will retry',
  renewalFailed: 'Renewal failed',
  replaced: 'Token pasted',
  verified: 'Verified',
  verifyFailed: 'Verification failed',
  copied: 'Copied',
  shared: 'Shared',
  read: 'Read by the command line',
  revoked: 'Revoked',
  recovered: 'Recovered after restart',
  startedOver: 'Started over with a new key',
  keyRotated: 'Data key rotated',
  proxyPasswordStored: 'Proxy password stored',
  proxyPasswordRemoved: 'Proxy password removed',
  secretsMigrated: 'Secrets moved from the keychain',
  joinCodeMade: 'Join code made',
  memberJoined: 'Joined the workspace',
  movedIn: 'Moved into the workspace',
  movedOut: 'Moved out of the workspace',
};

export const AUDIT_OUTCOME_LABEL: Record<AuditEntry['outcome'], string> = {
  ok: 'Success',
  retry: 'Will retry',
  followUp: 'Needs action',
  info: 'Info',
};
