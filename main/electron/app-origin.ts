/**
 * The window's pages come from a custom scheme rather than file://, so the app has
 * an origin of its own ('self' in the CSP means exactly these files) and no page
 * can read other files on disk.
 */
export const APP_SCHEME = 'tokentray';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL of the app's own pages, and nothing else (not a look-alike host or scheme). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
