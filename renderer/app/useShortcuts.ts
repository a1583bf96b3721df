import { useEffect, useRef } from 'react';
import { SEARCH_INPUT_ID } from '../screens/tokens/ListToolbar';
import { isShortcutPress, typingInto } from '../screens/tokens/shortcuts';

/** '/' focuses the search field from anywhere in the window, as in GitHub and Gmail. */
export function useSearchShortcut(showTokens: () => void): void {
  const latest = useRef(showTokens);
  useEffect(() => {
    latest.current = showTokens;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target))
        return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const search = document.getElementById(SEARCH_INPUT_ID);
      if (search) return search.focus();
      // On another screen: show the tokens, then focus once they are rendered.
      latest.current();
      requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** '?' shows the list of shortcuts, from anywhere in the window. */
export function useHelpShortcut(show: () => void): void {
  const latest = useRef(show);
  useEffect(() => {
    latest.current = show;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // '?' is Shift+/ on most layouts: Shift is allowed, the other modifiers are not.
      if (event.key !== '?' || !isShortcutPress(event)) return;
      event.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
