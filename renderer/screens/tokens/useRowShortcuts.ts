import { useEffect, useRef } from 'react';
import { isShortcutPress } from './shortcuts';
import type { RowActions, RowTarget } from './useRowActions';

/**
 * C, R and S act on the selected connection from anywhere in the window (but a text
 * field or a dialog); Ctrl+C (⌘C) on a focused row copies its token when no text is selected.
 */
export function useRowShortcuts(selected: RowTarget | null, actions: RowActions): void {
  const latest = useRef({ selected, actions });
  useEffect(() => {
    latest.current = { selected, actions };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { selected: target, actions: act } = latest.current;
      if (!target) return;
      const onRow = event.target instanceof HTMLElement && event.target.getAttribute('role') === 'row';
      const copyKeys =
        (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'c' && onRow;
      if (copyKeys && (window.getSelection()?.toString() ?? '') === '') {
        event.preventDefault();
        return act.copyToken(target);
      }
      if (!isShortcutPress(event) || event.shiftKey) return;
      const run = { c: act.copyToken, r: act.renewNow, s: act.share }[event.key.toLowerCase()];
      if (!run) return;
      event.preventDefault();
      run(target);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
