import type { PresetInfo, TokenTrayApi } from './api-contract';
import type { ApiMethod } from './api-methods';
import type { TokenTrayCore } from '../app';
import type { ConnectionId } from '../domain';
import { DialectSchema, NotFoundError, TokenTrayError } from '../domain';
import { PRESET_DESCRIPTIONS } from '../dialects/presets';
import { effectiveTokenStatus } from '../view/connection-status';
import { buildListSnapshot } from '../view/list-snapshot';
import type { ConnectionView, TokenView } from '../view/snapshot';
import { connectionDetails } from '../view/snapshot';
import { shareDraft, shareSubject, shareWarning } from './share-draft';

/**
 * What the host can do that the core cannot: Electron writes the clipboard in main, a browser page does it itself.
 * `command-line` is the local API the Electron shell opens for `tokentray` (the browser host serves it with the window).
 */
export interface HostCapabilities {
  kind: 'electron' | 'browser' | 'command-line';
  /** Writes the token to the clipboard and clears it after that many seconds (only if it still holds the token). */
  copyToClipboard?(token: string, clearAfterSeconds: number): Promise<void>;
  /** Opens a sign-in page in the system browser (Electron's shell.openExternal); a browser page opens a tab itself. */
  openExternal?(url: string): Promise<void>;
  /**
   * Hands a mailto: URL to the system's mail program; false when none answered. The host does it,
   * not the page: a page cannot tell whether a mail program took the link.
   */
  openMailDraft?(mailto: string): Promise<boolean>;
}

/**
 * The methods that change the profile: each answers success only once its change is durable,
 * and otherwise `storage_full` or `storage_unavailable`. Copying and sharing a token only add
 * history, which must not stand between a support rep and a token on a full disk.
 */
const CHANGES = [
  'addPartner',
  'updatePartner',
  'removePartner',
  'addConnection',
  'updateConnection',
  'removeConnection',
  'renewNow',
  'renewDue',
  'replaceManualToken',
  'verifyToken',
  'revokeAllTokens',
  'updateSettings',
  'setProxyPassword',
  'setRenewalsPaused',
  'importData',
  'importBackup',
] as const satisfies readonly ApiMethod[];

/** The preload API over the core: the one implementation both hosts serve. Arguments are validated by the dispatcher. */
export function createCoreApi(core: TokenTrayCore, host: HostCapabilities): TokenTrayApi {
  const api = coreApi(core, host);
  for (const method of CHANGES) {
    const change = api[method] as (...args: unknown[]) => Promise<unknown>;
    (api as Record<ApiMethod, unknown>)[method] = async (...args: unknown[]) => {
      const result = await change(...args);
      await core.saved();
      return result;
    };
  }
  return api;
}

function coreApi(core: TokenTrayCore, host: HostCapabilities): TokenTrayApi {
  const connectionView = (id: ConnectionId): ConnectionView => {
    const found = core.view((sources, context) => connectionDetails(id, sources, context));
    if (!found) throw new NotFoundError('The connection');
    return found;
  };

  return {
    getSnapshot: async () => {
      const snapshot = core.view(buildListSnapshot);
      // Begins after this answer is written: its first batch waits for the next turn of the event loop.
      core.checkSealedSecretsOnce();
      return snapshot;
    },
    getConnection: async (id) => connectionView(id),
    listPresets: async () =>
      DialectSchema.options.map((dialect): PresetInfo => ({
        dialect,
        title: PRESET_DESCRIPTIONS[dialect].title,
        summary: PRESET_DESCRIPTIONS[dialect].summary,
        requiredSettings: [...PRESET_DESCRIPTIONS[dialect].requiredSettings],
        requiredSecrets: [...PRESET_DESCRIPTIONS[dialect].requiredSecrets],
      })),
    addPartner: async (input) => core.admin.addPartner(input),
    updatePartner: async (id, input) => core.admin.updatePartner(id, input),
    removePartner: async (id) => core.admin.removePartner(id),
    addConnection: async (input, secrets) => core.admin.addConnection(input, secrets),
    updateConnection: async (id, input, secrets) => core.admin.updateConnection(id, input, secrets),
    removeConnection: async (id) => core.admin.removeConnection(id),
    renewNow: async (id) => core.renewNow(id),
    renewDue: async () => core.renewDue(),

    async copyToken(id) {
      const { token, fingerprint } = await core.tokens.revealToken(id, 'copied');
      const clearAfterSeconds = core.getSettings().clipboardClearSeconds;
      if (host.copyToClipboard) {
        // Electron: the token stays in main.
        await host.copyToClipboard(token, clearAfterSeconds);
        return { fingerprint, clearAfterSeconds };
      }
      return { fingerprint, clearAfterSeconds, token };
    },

    async readToken(id) {
      // The Electron window never holds a token: main copies it. Scripts read through the local API.
      if (host.kind === 'electron') {
        throw new TokenTrayError('forbidden', 'Tokens are read only by the command line, not by the window.');
      }
      const { token, fingerprint } = await core.tokens.revealToken(id, 'read');
      const record = connectionView(id).token;
      return { token, fingerprint, expiresAt: record?.fingerprint === fingerprint ? record.expiresAt : null };
    },

    previewShare: async (id) => {
      const view = connectionView(id);
      const partner = core.view((sources) => sources.partner(view.partnerId));
      return {
        fingerprint: view.token?.fingerprint ?? null,
        to: partner?.contactEmail ?? '',
        subject: shareSubject({ connectionLabel: view.label, partnerName: partner?.name ?? 'the partner' }),
        warning: shareWarning(view.token?.expiresAt ?? null),
      };
    },

    async shareToken(id, via) {
      const view = connectionView(id);
      const partner = core.view((sources) => sources.partner(view.partnerId));
      // Read without a line of history: "shared" is recorded only once the token has left.
      const { token, fingerprint } = await core.tokens.currentToken(id);
      // The record of the very token read from the keychain, even if a renewal just replaced it.
      const record = [view.token, ...view.previousTokens].find((t) => t?.fingerprint === fingerprint);
      const draft = shareDraft({
        partnerName: partner?.name ?? 'the partner',
        contactEmail: partner?.contactEmail ?? '',
        connectionLabel: view.label,
        token,
        fingerprint,
        issuedAt: record?.issuedAt ?? null,
        expiresAt: record?.expiresAt ?? null,
      });
      if (via === 'mailDraft') {
        const opened = (await host.openMailDraft?.(draft.mailto)) ?? false;
        if (!opened) return { outcome: 'noMailApp', fingerprint };
        core.tokens.recordHandover(id, 'shared', fingerprint, 'Mail draft handed to the mail program.');
        return { outcome: 'mailDraftOpened', fingerprint };
      }
      const clearAfterSeconds = core.getSettings().clipboardClearSeconds;
      core.tokens.recordHandover(id, 'shared', fingerprint, 'Message copied to paste into a mail.');
      if (host.copyToClipboard) {
        await host.copyToClipboard(draft.message, clearAfterSeconds);
        return { outcome: 'messageCopied', fingerprint, clearAfterSeconds };
      }
      // Browser host: the page writes the clipboard, as it does for a copied token.
      return { outcome: 'messageCopied', fingerprint, clearAfterSeconds, message: draft.message };
    },

    async replaceManualToken(id, token, expiresAt): Promise<TokenView> {
      const record = await core.tokens.replaceManualToken(id, token, expiresAt);
      return { ...record, status: effectiveTokenStatus(record, core.now()) };
    },
    verifyToken: async (id) => core.tokens.verify(id),
    checkConnection: async (id) => core.checkConnection(id),
    revokeAllTokens: async (partnerId) => core.tokens.revokeAll(partnerId),
    getHistory: (filter) => core.namedHistory(filter),
    getSettings: async () => core.getSettings(),
    updateSettings: async (patch) => core.updateSettings(patch),
    setProxyPassword: async (password) => core.setProxyPassword(password),
    setRenewalsPaused: async (paused) => core.updateSettings({ renewalsPaused: paused }),
    exportData: async () => core.importExport.exportFile(),
    importData: async (contents) => core.importExport.importFile(contents),
    exportBackup: async (passphrase) => core.importExport.exportBackup(passphrase),
    importBackup: async (contents, passphrase) => core.importExport.importBackup(contents, passphrase),
    discoverIssuer: async (issuerUrl, partnerId) => core.discoverIssuer(issuerUrl, partnerId),

    async startSignIn(id) {
      const started = await core.signIn.start(id);
      await host.openExternal?.(started.authorizationUrl);
      return started;
    },
    finishSignIn: async (signInId) => core.signIn.finish(signInId),
    cancelSignIn: async (signInId) => core.signIn.cancel(signInId),
    setAsideDamagedRecords: async () => core.setAsideDamagedRecords(),
    startOver: async () => core.startOver(),
    rotateDataKey: async () => core.rotateDataKey(),
    createJoinCode: async () => core.createJoinCode(),
    moveIntoWorkspace: async (target) => core.moveIntoWorkspace(target),
    moveOutOfWorkspace: async (profileDir) => core.moveOutOfWorkspace(profileDir),
  };
}
