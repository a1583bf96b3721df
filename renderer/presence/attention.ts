import type { ListSnapshot } from '../api/types';

export const APP_TITLE = 'TokenTray';

/** Connections a person should look at: those that need action and those at risk of expiring. */
export function attentionCount(snapshot: Pick<ListSnapshot, 'summary'>): number {
  const { counts } = snapshot.summary;
  return counts.needsAction + counts.expiringSoon;
}

/** "(2) TokenTray": the count in the tab's title, as mail and chat pages do. */
export function titleWith(count: number): string {
  return count > 0 ? `(${count}) ${APP_TITLE}` : APP_TITLE;
}

/** The page icon as an SVG data URL: TokenTray's key, with a red badge carrying the count when there is one. */
export function faviconWith(count: number): string {
  const badge =
    count > 0
      ? `<circle cx="23" cy="9" r="9" fill="#d92d20"/>` +
        `<text x="23" y="13" font-family="sans-serif" font-size="${count > 9 ? 10 : 13}" font-weight="700" ` +
        `fill="#fff" text-anchor="middle">${count > 9 ? '9+' : count}</text>`
      : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect x="1" y="5" width="26" height="26" rx="6" fill="#2563eb"/>` +
    `<circle cx="10" cy="18" r="4.5" fill="none" stroke="#fff" stroke-width="2.5"/>` +
    `<path d="M14 18h9m-3 0v4m-3-4v3" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/>` +
    badge +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
