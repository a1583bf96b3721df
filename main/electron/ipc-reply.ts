import type { ApiErrorBody, IpcReply } from '../core/api/api-contract';
import type { ApiMethod } from '../core/api/api-methods';
import type { Dispatch } from '../core/api/dispatch';
import { isAppUrl } from './app-origin';

export const FORBIDDEN_SENDER: ApiErrorBody = {
  code: 'forbidden',
  message: 'This request did not come from the TokenTray window, so it was refused.',
  guidance: [],
};

export interface SenderFacts {
  /** The message came from our window's web contents. */
  fromOurWindow: boolean;
  /** It came from that window's top frame, not a sub-frame. */
  fromMainFrame: boolean;
  /** The sending frame's URL, or null when the frame is gone. */
  frameUrl: string | null;
}

/** Only the app's own page in our one window may call the API. */
export function isTrustedSender(sender: SenderFacts): boolean {
  return (
    sender.fromOurWindow && sender.fromMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl)
  );
}

/**
 * One IPC call answered as a value: the dispatcher validates the arguments and
 * turns errors into bodies the window can show. Nothing is thrown, because IPC
 * would keep only an error's message.
 */
export async function ipcReplyFor(
  dispatch: Dispatch,
  method: ApiMethod,
  args: unknown[],
  sender: SenderFacts,
): Promise<IpcReply> {
  if (!isTrustedSender(sender)) return { ok: false, error: FORBIDDEN_SENDER };
  const answer = await dispatch(method, args);
  return answer.ok ? { ok: true, result: answer.result } : { ok: false, error: answer.error };
}
