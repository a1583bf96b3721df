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
