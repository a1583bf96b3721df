import { copySecret } from '../../api/clipboard';
import type { ShareResult, TokenTrayApi } from '../../api/types';

/** A share that happened: the draft reached a mail program, or the message is on the clipboard. */
export type Shared = Exclude<ShareResult, { outcome: 'noMailApp' }>;

/** Asks the host to share; in a browser, puts a copied message on the clipboard, cleared after the set time. */
export async function shareMessage(
  api: Pick<TokenTrayApi, 'shareToken'>,
  connectionId: string,
  via: 'mailDraft' | 'copyMessage',
): Promise<ShareResult> {
  const result = await api.shareToken(connectionId, via);
  if (result.outcome === 'messageCopied' && result.message !== undefined) {
    await copySecret(result.message, result.clearAfterSeconds);
    // Dropped here: the message holds the token and never goes into state.
    return {
      outcome: 'messageCopied',
      fingerprint: result.fingerprint,
      clearAfterSeconds: result.clearAfterSeconds,
    };
  }
  return result;
}

/** What the window says after a share, in a sentence. */
export function describeShared(shared: Shared, to: string): string {
  if (shared.outcome === 'mailDraftOpened')
    return `Mail draft handed to your mail program${to ? ` for ${to}` : ''}. Check it there before sending.`;
  return `Message copied: paste it into a mail${to ? ` to ${to}` : ''}. The clipboard clears itself after ${shared.clearAfterSeconds} seconds.`;
}
