/** Every keyboard shortcut of the window, as the `?` list shows it: one place for what each key does. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['/'], does: 'Search' },
  { keys: ['Enter'], does: 'In Search: open the first match. On a row: open its details' },
  { keys: ['↓'], does: 'In Search: move into the results' },
  { keys: ['↑', '↓', 'Home', 'End', 'Page Up', 'Page Down'], does: 'Move through the list' },
  { keys: ['C'], does: "Copy the selected connection's token (also Ctrl+C on a row)" },
  { keys: ['R'], does: 'Renew the selected connection now' },
  { keys: ['S'], does: "Share the selected connection's token with its partner" },
  { keys: ['Esc'], does: 'Close a dialog, clear Search, or go back to the list' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

/** Keys for a single-letter shortcut: never while typing, never with a modifier. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Whether a key press is free for a window shortcut: no modifier, no text field, no dialog open. */
export function isShortcutPress(event: KeyboardEvent): boolean {
  return (
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    !typingInto(event.target) &&
    document.querySelector('dialog[open]') === null
  );
}
