import { useEffect } from 'react';
import type { ListSnapshot } from '../api/types';
import { attentionCount, faviconWith, titleWith } from './attention';

/** The tab says how many connections want attention, in its title and its icon, even when it is in the background. */
export function usePagePresence(snapshot: ListSnapshot | null): void {
  const count = snapshot ? attentionCount(snapshot) : 0;
  useEffect(() => {
    document.title = titleWith(count);
    let icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!icon) {
      icon = document.createElement('link');
      icon.rel = 'icon';
      document.head.append(icon);
    }
    icon.href = faviconWith(count);
  }, [count]);
}
