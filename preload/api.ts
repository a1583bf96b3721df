/**
 * The one API the renderer sees. Electron's IPC handlers and the browser host
 * both implement it, and main validates every call's arguments with the
 * schemas below. Channel names and HTTP paths derive from the method names.
 *
 * This file is imported by preload, renderer and main: it holds types and
 * zod schemas only, no Node and no Electron.
 */
import { z } from 'zod';
import type { AuditEntry } from '../main/core/domain/audit';
import type { Connection } from '../main/core/domain/connection';
import { ConnectionInputSchema } from '../main/core/domain/connection';
import type { RenewalOutcome } from '../main/core/domain/outcome';
import type { Partner } from '../main/core/domain/partner';
import { PartnerInputSchema } from '../main/core/domain/partner';
import { RecordIdSchema } from '../main/core/domain/record-id';
import { TimestampSchema } from '../main/core/domain/timestamp';
import type { Settings } from '../main/core/domain/settings';
import { SettingsSchema } from '../main/core/domain/settings';
import type { RevokeResult, VerifyResult } from '../main/core/services/partner-guidance';
import type { DiscoveredIssuer } from '../main/core/oauth/discovery';
import type { SignInResult, SignInStart } from '../main/core/oauth/sign-in';
import type {
  ConnectionBrief,
  ListSnapshot,
  PartnerBrief,
  TokenBrief,
} from '../main/core/view/list-snapshot';
import type { ConnectionView, TokenView } from '../main/core/view/snapshot';

export type {
  AuditEntry,
  Connection,
  ConnectionBrief,
  ConnectionView,
  DiscoveredIssuer,
  ListSnapshot,
  Partner,
  PartnerBrief,
  RenewalOutcome,
  RevokeResult,
  Settings,
  SignInResult,
  SignInStart,
  TokenBrief,
  TokenView,
  VerifyResult,
};

const id = RecordIdSchema;
const secret = z.string().trim().min(1).max(16_384);

export const ConnectionSecretsInputSchema = z.object({
  clientSecret: secret.optional(),
  refreshToken: secret.optional(),
  accessToken: secret.optional(),
  partnerToken: secret.optional(),
  clientKey: secret.optional(),
  tokenExpiresAt: TimestampSchema.optional(),
});
export type ConnectionSecretsInput = z.infer<typeof ConnectionSecretsInputSchema>;

export const HistoryFilterSchema = z.object({
  connectionId: id.optional(),
  partnerId: id.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  /** Paging: entries older than the one with this id (the last of the previous page). */
  before: id.optional(),
});

/**
 * A settings change: every field optional and without its default, so a patch
 * changes only the fields it names (zod 4 fills defaults even inside optional fields).
 */
type SettingsShape = typeof SettingsSchema.shape;
export const SettingsPatchSchema = z.object(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
  ) as { [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>> },
);

/** Each method's arguments, as a tuple. Main validates every call with these. */
export const API_INPUTS = {
  getSnapshot: z.tuple([]),
  getConnection: z.tuple([id]),
  listPresets: z.tuple([]),
  addPartner: z.tuple([PartnerInputSchema]),
  updatePartner: z.tuple([id, PartnerInputSchema]),
  removePartner: z.tuple([id]),
  addConnection: z.tuple([ConnectionInputSchema, ConnectionSecretsInputSchema]),
  updateConnection: z.tuple([id, ConnectionInputSchema, ConnectionSecretsInputSchema.optional()]),
  removeConnection: z.tuple([id]),
  renewNow: z.tuple([id]),
  renewDue: z.tuple([]),
  copyToken: z.tuple([id]),
  readToken: z.tuple([id]),
  shareToken: z.tuple([id]),
  replaceManualToken: z.tuple([id, secret, TimestampSchema.optional()]),
  verifyToken: z.tuple([id]),
  revokeAllTokens: z.tuple([id]),
  getHistory: z.tuple([HistoryFilterSchema]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([SettingsPatchSchema]),
  setProxyPassword: z.tuple([secret.nullable()]),
  setRenewalsPaused: z.tuple([z.boolean()]),
  exportData: z.tuple([]),
  importData: z.tuple([z.string().max(5_000_000)]),
  discoverIssuer: z.tuple([z.string().trim().min(1, 'Enter the issuer URL').max(2000)]),
  startSignIn: z.tuple([id]),
  finishSignIn: z.tuple([id]),
  cancelSignIn: z.tuple([id]),
  setAsideDamagedRecords: z.tuple([]),
  startOver: z.tuple([]),
  rotateDataKey: z.tuple([]),
} as const;

export type ApiMethod = keyof typeof API_INPUTS;
export const API_METHODS = Object.keys(API_INPUTS) as ApiMethod[];

export interface PresetInfo {
  dialect: Connection['dialect'];
  title: string;
  summary: string;
  requiredSettings: string[];
  requiredSecrets: string[];
}

export interface CopyResult {
  fingerprint: string;
  /** Seconds until the clipboard is cleared. */
  clearAfterSeconds: number;
  /**
   * Browser host only: the token for the page to put on the clipboard itself.
   * In Electron main writes the clipboard and this is absent.
   */
  token?: string;
}

/** The current token for a script (`tokentray token`); recorded in the history as read by the command line. */
export interface ReadTokenResult {
  token: string;
  fingerprint: string;
  /** Epoch ms; null where the token's lifetime is unknown. */
  expiresAt: number | null;
}

export interface ShareDraft {
  /** A mailto: URL with the partner's address, a subject and the token in the body. */
  mailto: string;
  fingerprint: string;
  warning: string;
}

export interface ImportResult {
  partnersAdded: number;
  connectionsAdded: number;
  /** Connections imported without secrets: each needs its credentials entered. */
  needCredentials: number;
  skipped: Array<{ item: string; reason: string }>;
}

/** An export: partners and connections, never a secret. */
export interface ExportFile {
  fileName: string;
  contents: string;
}

export interface TokenTrayApi {
  /** Every connection as the list shows it; the window asks again on every change. */
  getSnapshot(): Promise<ListSnapshot>;
  /** One connection in full (token history, settings, errors): what its details show. */
  getConnection(id: string): Promise<ConnectionView>;
  listPresets(): Promise<PresetInfo[]>;
  addPartner(input: z.input<typeof PartnerInputSchema>): Promise<Partner>;
  updatePartner(id: string, input: z.input<typeof PartnerInputSchema>): Promise<Partner>;
  removePartner(id: string): Promise<void>;
  addConnection(
    input: z.input<typeof ConnectionInputSchema>,
    secrets: ConnectionSecretsInput,
  ): Promise<Connection>;
  updateConnection(
    id: string,
    input: z.input<typeof ConnectionInputSchema>,
    secrets?: ConnectionSecretsInput,
  ): Promise<Connection>;
  removeConnection(id: string): Promise<void>;
  renewNow(id: string): Promise<RenewalOutcome>;
  renewDue(): Promise<number>;
  copyToken(id: string): Promise<CopyResult>;
  /** The command line's read of the current token. Not for the Electron window, whose tokens stay in main. */
  readToken(id: string): Promise<ReadTokenResult>;
  shareToken(id: string): Promise<ShareDraft>;
  replaceManualToken(id: string, token: string, expiresAt?: number): Promise<TokenView>;
  verifyToken(id: string): Promise<VerifyResult>;
  revokeAllTokens(partnerId: string): Promise<RevokeResult>;
  getHistory(filter: z.input<typeof HistoryFilterSchema>): Promise<AuditEntry[]>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The password of the proxy in the network settings, stored as a secret; null removes it. */
  setProxyPassword(password: string | null): Promise<void>;
  setRenewalsPaused(paused: boolean): Promise<Settings>;
  exportData(): Promise<ExportFile>;
  importData(contents: string): Promise<ImportResult>;
  /** RFC 8414 / OpenID discovery: the endpoints and client auth an issuer URL stands for; a field error otherwise. */
  discoverIssuer(issuerUrl: string): Promise<DiscoveredIssuer>;
  /** Opens a loopback listener for one sign-in and returns the partner's page to open (Electron opens it itself). */
  startSignIn(connectionId: string): Promise<SignInStart>;
  /** Waits for that sign-in to end: the account that signed in once the tokens are stored, or why it failed. */
  finishSignIn(signInId: string): Promise<SignInResult>;
  cancelSignIn(signInId: string): Promise<void>;
  /** Recovery mode: saves the profile without the records it could not read (copies of the files are kept). */
  setAsideDamagedRecords(): Promise<SetAsideResult>;
  /** On a profile locked for a lost data key: a new key, the old secrets cleared, every connection asking for its credentials. */
  startOver(): Promise<void>;
  /** Re-seals every stored secret under a new data key in the keychain. */
  rotateDataKey(): Promise<{ keyVersion: number }>;
}

export interface SetAsideResult {
  setAside: number;
  /** Where the files were copied, as they were, before anything was set aside. */
  copyPaths: string[];
}

/** State changes pushed to the window (IPC event or server-sent event). */
export type ApiEvent =
  | { type: 'changed'; connectionIds: string[] }
  | { type: 'reminder'; connectionId: string; days: number; expiresAt: number }
  | { type: 'needsAction'; connectionId: string }
  | { type: 'focusConnection'; connectionId: string }
  /**
   * Browser host: a desktop notification went out (`desktop`: the desktop showed it); the window
   * shows a Web Notification when the desktop did not and the person allowed them.
   */
  | { type: 'notice'; title: string; body: string; connectionId: string; count: number; desktop: boolean }
  /** The host stops on its own right after this (its profile folder removed, say). */
  | { type: 'stopping'; message: string; guidance: string[] };

/** What the renderer gets: the API plus the event stream. */
export interface TokenTrayBridge extends TokenTrayApi {
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** An error as it crosses the process boundary: a code, a sentence, what to do. */
export interface ApiErrorBody {
  code: string;
  message: string;
  guidance: string[];
  fieldErrors?: Record<string, string>;
}

/** The IPC channel of a method: one place derives it, nobody types it twice. */
export function channelOf(method: ApiMethod): string {
  return `tokentray:${method}`;
}
export const EVENT_CHANNEL = 'tokentray:event';
