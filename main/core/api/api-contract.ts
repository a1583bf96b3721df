/**
 * The one API the window sees, owned by the core that implements it. Electron's IPC
 * handlers and the browser host both serve it; the preload, the renderer and the
 * command line call it. Types only: importing this file brings no code into a bundle.
 * The method names and argument names are in `api-methods.ts`; main's input schemas
 * in `api-inputs.ts`.
 */
import type { AuditFilter } from '../audit/audit-log';
import type { AuditEntry } from '../domain/audit';
import type { Connection, ConnectionInput, ConnectionSecretsInput } from '../domain/connection';
import type { ErrorCode, WindowErrorCode } from '../domain/error-codes';
import type { RenewalOutcome } from '../domain/outcome';
import type { Partner, PartnerInput } from '../domain/partner';
import type { Settings } from '../domain/settings';
import type { DiscoveredIssuer } from '../oauth/discovery';
import type { SignInResult, SignInStart } from '../oauth/sign-in';
import type { ConnectionCheck } from '../services/connection-check';
import type { ExportFile, ImportResult } from '../services/import-export';
import type { RevokeResult, VerifyResult } from '../services/partner-tokens';
import type { ConnectionBrief, ListSnapshot, PartnerBrief, TokenBrief } from '../view/list-snapshot';
import type { ConnectionView, TokenView } from '../view/snapshot';

export type {
  AuditEntry,
  AuditFilter,
  Connection,
  ConnectionBrief,
  ConnectionCheck,
  ConnectionSecretsInput,
  ConnectionView,
  DiscoveredIssuer,
  ErrorCode,
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

/** What a share would send, before anything leaves: no token in it. */
export interface SharePreview {
  /** The current token's; null when there is none to share. */
  fingerprint: string | null;
  /** The partner's contact address; empty when none is on file. */
  to: string;
  subject: string;
  warning: string;
}

/** How a share went: recorded in the history as "shared" only when the token left (opened or copied). */
export type ShareResult =
  | { outcome: 'mailDraftOpened'; fingerprint: string }
  | { outcome: 'noMailApp'; fingerprint: string }
  | {
      outcome: 'messageCopied';
      fingerprint: string;
      clearAfterSeconds: number;
      /** Browser host only: the message (token included) for the page to put on the clipboard itself. */
      message?: string;
    };

export type { ExportFile, ImportResult };

export interface SetAsideResult {
  setAside: number;
  /** Where the files were copied, as they were, before anything was set aside. */
  copyPaths: string[];
}

export interface TokenTrayApi {
  /** Every connection as the list shows it; the window asks again on every change. */
  getSnapshot(): Promise<ListSnapshot>;
  /** One connection in full (token history, settings, errors): what its details show. */
  getConnection(id: string): Promise<ConnectionView>;
  listPresets(): Promise<PresetInfo[]>;
  addPartner(input: PartnerInput): Promise<Partner>;
  updatePartner(id: string, input: PartnerInput): Promise<Partner>;
  removePartner(id: string): Promise<void>;
  addConnection(input: ConnectionInput, secrets: ConnectionSecretsInput): Promise<Connection>;
  updateConnection(id: string, input: ConnectionInput, secrets?: ConnectionSecretsInput): Promise<Connection>;
  removeConnection(id: string): Promise<void>;
  renewNow(id: string): Promise<RenewalOutcome>;
  renewDue(): Promise<number>;
  copyToken(id: string): Promise<CopyResult>;
  /** The command line's read of the current token. Not for the Electron window, whose tokens stay in main. */
  readToken(id: string): Promise<ReadTokenResult>;
  /** The share dialog's facts (recipient, subject, warning); reads no secret and records nothing. */
  previewShare(id: string): Promise<SharePreview>;
  /** Hands the token to the partner as a mail draft, or copies the message; says which happened. */
  shareToken(id: string, via: 'mailDraft' | 'copyMessage'): Promise<ShareResult>;
  replaceManualToken(id: string, token: string, expiresAt?: number): Promise<TokenView>;
  verifyToken(id: string): Promise<VerifyResult>;
  /** "Test connection": DNS, TCP, proxy, TLS and an HTTP HEAD to the partner, step by step; never renews. */
  checkConnection(id: string): Promise<ConnectionCheck>;
  revokeAllTokens(partnerId: string): Promise<RevokeResult>;
  getHistory(filter: AuditFilter): Promise<AuditEntry[]>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /**
   * The password of the proxy in the network settings, stored as a secret; null removes it (the
   * snapshot's `proxyPasswordStored` says whether one is stored). Recorded in the history.
   */
  setProxyPassword(password: string | null): Promise<void>;
  setRenewalsPaused(paused: boolean): Promise<Settings>;
  exportData(): Promise<ExportFile>;
  importData(contents: string): Promise<ImportResult>;
  /** The export with every connection's secrets, sealed with a passphrase the person types (scrypt, AES-256-GCM). */
  exportBackup(passphrase: string): Promise<ExportFile>;
  /** Opens such a backup with its passphrase; a wrong one or a changed file imports nothing. */
  importBackup(contents: string, passphrase: string): Promise<ImportResult>;
  /** RFC 8414 / OpenID discovery: the endpoints and client auth an issuer URL stands for; a field error otherwise. */
  /** With the partner the connection is added to, so its network settings (proxy choice, CAs, timeout) apply. */
  discoverIssuer(issuerUrl: string, partnerId?: string | null): Promise<DiscoveredIssuer>;
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
  /**
   * In a shared workspace: a one-time code (expires in 15 minutes) that lets someone join with
   * the database URL; their TokenTray stores the workspace key in their own keychain.
   */
  createJoinCode(): Promise<{ code: string; expiresAt: number }>;
  /**
   * Moves this local profile's partners and connections (with their secrets, state and history)
   * into a shared workspace, once; this profile renews nothing from then on and the host stops,
   * saying where they went. Its credentials need no re-entering.
   */
  moveIntoWorkspace(target: WorkspaceTarget): Promise<{
    label: string;
    url: string;
    member: string;
    partners: number;
    connections: number;
  }>;
  /** Moves every partner and connection of this workspace out into a fresh local profile folder. */
  moveOutOfWorkspace(
    profileDir: string,
  ): Promise<{ label: string; profileDir: string; partners: number; connections: number }>;
}

/** A shared workspace to move into: its database, the member's name, and how to get in. */
export interface WorkspaceTarget {
  /** postgres://user@host:port/database */
  url: string;
  member: string;
  /** The database password, unless the URL, PGPASSWORD or the keychain holds it. */
  password?: string;
  /** A one-time join code from a member, unless this keychain holds the workspace key already. */
  joinCode?: string;
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

/** Every code the window may meet: the hosts' answers and the failures of the way to them. */
export type ApiErrorCode = ErrorCode | WindowErrorCode;

/** An error as it crosses the process boundary: a code, a sentence, what to do. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  guidance: string[];
  fieldErrors?: Record<string, string>;
}

/** What main answers on every IPC channel: never a thrown error, whose fields IPC would drop. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
