import { ApiError } from './api-error';
import type { ApiErrorBody } from './types';

/**
 * Browser host only: the page writes the clipboard itself and wipes it after the
 * set time. The token lives in this closure until then, never in React state.
 */
export async function copyWithAutoClear(token: string, clearAfterSeconds: number): Promise<void> {
  await navigator.clipboard.writeText(token);
  setTimeout(() => void clearIfStillHolding(token), clearAfterSeconds * 1000);
}

async function clearIfStillHolding(token: string): Promise<void> {
  let current: string | null = null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    // Reading needs a permission the page may not have: clear anyway, the token matters more.
  }
  if (current !== null && current !== token) return;
  try {
    await navigator.clipboard.writeText('');
  } catch {
    // Browsers refuse clipboard writes while the page is in the background: clear on return.
    window.addEventListener('focus', () => void clearIfStillHolding(token), { once: true });
  }
}

const CLIPBOARD_REFUSED: ApiErrorBody = {
  code: 'clipboard_refused',
  message: 'The browser did not let TokenTray write to the clipboard.',
  guidance: ['Click into the TokenTray page so it has focus, then copy again.'],
};

/** `copyWithAutoClear`, failing with an error the window can show when the browser refuses. */
export async function copySecret(text: string, clearAfterSeconds: number): Promise<void> {
  await copyWithAutoClear(text, clearAfterSeconds).catch(() => {
    throw new ApiError(CLIPBOARD_REFUSED);
  });
}
