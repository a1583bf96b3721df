/** Host and port only: the path and query may hold an API key. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || 'the server';
  } catch {
    return 'the server';
  }
}
