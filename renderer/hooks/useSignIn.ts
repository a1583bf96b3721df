import type { SignInResult } from '../api/types';
import { useAction, type ActionState } from './useAction';
import { useApi } from './useApi';

/**
 * Runs one sign-in: the host opens a loopback listener and gives the partner's page, the page
 * opens in the browser (Electron opens the system browser itself), and the call returns once the
 * tokens are stored, or with the sentence that says why not.
 */
export function useSignIn(connectionId: string): ActionState<[], SignInResult> {
  const api = useApi();
  return useAction(async () => {
    // Browser host: the tab opens now, inside the click, so a pop-up blocker lets it through.
    const tab = window.tokentray ? null : window.open('', '_blank');
    let started;
    try {
      started = await api.startSignIn(connectionId);
    } catch (error) {
      tab?.close();
      throw error;
    }
    if (tab) {
      tab.opener = null;
      tab.location.href = started.authorizationUrl;
    }
    return api.finishSignIn(started.signInId);
  });
}
