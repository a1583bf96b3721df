/**
 * Every API method and the names of its arguments, written once. The IPC channels,
 * the HTTP paths, the bridges and the field names of errors all derive from this
 * table. Types only from elsewhere, so the sandboxed preload can bundle it.
 */
import type { TokenTrayApi } from './api-contract';

/**
 * Each argument's name in field errors: `secrets` turns the second argument's
 * `refreshToken` into `secrets.refreshToken`; '' stands for a form object whose
 * own fields are named directly.
 */
export const API_ARGUMENTS = {
  getSnapshot: [],
  getConnection: ['id'],
  listPresets: [],
  addPartner: [''],
  updatePartner: ['id', ''],
  removePartner: ['id'],
  addConnection: ['', 'secrets'],
  updateConnection: ['id', '', 'secrets'],
  removeConnection: ['id'],
  renewNow: ['id'],
  renewDue: [],
  copyToken: ['id'],
  readToken: ['id'],
  previewShare: ['id'],
  shareToken: ['id', 'via'],
  replaceManualToken: ['id', 'token', 'expiresAt'],
  verifyToken: ['id'],
  checkConnection: ['id'],
  revokeAllTokens: ['partnerId'],
  getHistory: ['filter'],
  getSettings: [],
  updateSettings: [''],
  setProxyPassword: ['password'],
  setRenewalsPaused: ['paused'],
  exportData: [],
  importData: ['contents'],
  exportBackup: ['passphrase'],
  importBackup: ['contents', 'passphrase'],
  // The issuer URL is the connection form's field of that name.
  discoverIssuer: ['settings.issuer', 'partnerId'],
  startSignIn: ['id'],
  finishSignIn: ['signInId'],
  cancelSignIn: ['signInId'],
  setAsideDamagedRecords: [],
  startOver: [],
  rotateDataKey: [],
  createJoinCode: [],
  moveIntoWorkspace: ['workspace'],
  moveOutOfWorkspace: ['profileDir'],
} as const satisfies { [M in keyof TokenTrayApi]: { length: ArgumentCount<M> } };

/** How many arguments a method takes, counting the optional ones. */
type ArgumentCount<M extends keyof TokenTrayApi> = Required<Parameters<TokenTrayApi[M]>>['length'];

export type ApiMethod = keyof typeof API_ARGUMENTS;
export const API_METHODS = Object.keys(API_ARGUMENTS) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_ARGUMENTS, name);
}

/** The IPC channel of a method. */
export function channelOf(method: ApiMethod): string {
  return `tokentray:${method}`;
}
export const EVENT_CHANNEL = 'tokentray:event';

/** The browser host's path of a method: `POST /api/<method>` with a JSON array of the arguments. */
export const API_PATH_PREFIX = '/api/';
export function pathOf(method: ApiMethod): string {
  return `${API_PATH_PREFIX}${method}`;
}
/** The browser host's server-sent events. */
export const EVENTS_PATH = `${API_PATH_PREFIX}events`;
