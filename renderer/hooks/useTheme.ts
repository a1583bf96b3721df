import { useEffect } from 'react';
import type { Settings } from '../api/types';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Puts the chosen theme on <html data-theme>; 'system' follows the OS and its changes. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      const resolved = theme === 'light' || theme === 'dark' ? theme : media.matches ? 'dark' : 'light';
      document.documentElement.dataset.theme = resolved;
    };
    apply();
    if (theme === 'light' || theme === 'dark') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
