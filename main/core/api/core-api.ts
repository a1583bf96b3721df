import type { PresetInfo, TokenTrayApi } from '../../../preload/api';
import type { TokenTrayCore } from '../app';
import type { ConnectionId } from '../domain';
import { DialectSchema, NotFoundError } from '../domain';
import { PRESET_DESCRIPTIONS } from '../dialects/presets';
import { effectiveTokenStatus } from '../view/connection-status';
import { buildListSnapshot } from '../view/list-snapshot';
import type { ConnectionView, TokenView } from '../view/snapshot';
import { connectionDetails } from '../view/snapshot';
import { shareDraft } from './share-draft';

/** What the host can do that the core cannot: Electron writes the clipboard in main, a browser page does it itself. */
export interface HostCapabilities {
  kind: 'electron' | 'browser';
  /** Writes the token to the clipboard and clears it after that many seconds (only if it still holds the token). */
  copyToClipboard?(token: string, clearAfterSeconds: number): Promise<void>;
}

/** The preload API over the core: the one implementation both hosts serve. Arguments are validated by the dispatcher. */
export function createCoreApi(core: TokenTrayCore, host: HostCapabilities): TokenTrayApi {
  const connectionView = (id: ConnectionId): ConnectionView => {
    const found = core.view((sources, context) => connectionDetails(id, sources, context));
    if (!found) throw new NotFoundError('The connection');
    return found;
  };

  return {
    getSnapshot: async () => core.view(buildListSnapshot),
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
      const { token, fingerprint } = await core.guidance.revealToken(id, 'copied');
      const clearAfterSeconds = core.getSettings().clipboardClearSeconds;
      if (host.copyToClipboard) {
        // Electron: the token stays in main.
        await host.copyToClipboard(token, clearAfterSeconds);
        return { fingerprint, clearAfterSeconds };
      }
      return { fingerprint, clearAfterSeconds, token };
    },

    async shareToken(id) {
      const view = connectionView(id);
      const partner = core.view((sources) => sources.partner(view.partnerId));
      const { token, fingerprint } = await core.guidance.revealToken(id, 'shared');
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
      return { ...draft, fingerprint };
    },

    async replaceManualToken(id, token, expiresAt): Promise<TokenView> {
      const record = await core.guidance.replaceManualToken(id, token, expiresAt);
      return { ...record, status: effectiveTokenStatus(record, core.now()) };
    },
    verifyToken: async (id) => core.guidance.verify(id),
    revokeAllTokens: async (partnerId) => core.guidance.revokeAll(partnerId),
    getHistory: async (filter) => core.history(filter),
    getSettings: async () => core.getSettings(),
    updateSettings: async (patch) => core.updateSettings(patch),
    setRenewalsPaused: async (paused) => core.updateSettings({ renewalsPaused: paused }),
    exportData: async () => core.transfer.exportFile(),
    importData: async (contents) => core.transfer.importFile(contents),
    startOver: async () => core.startOver(),
    rotateDataKey: async () => core.rotateDataKey(),
  };
}
