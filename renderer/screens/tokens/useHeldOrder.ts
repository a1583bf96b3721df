import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ListItem } from './list-model';
import { keepOrder, sameOrder } from './list-model';

export interface HeldOrder {
  /** The rows as shown: the fresh order, or the order held while the person is on the list. */
  items: ListItem[];
  /** A newer order is waiting for the person to leave the list. */
  waiting: boolean;
  /** The pointer is over the list (true) or left it (false). */
  setPointer: (on: boolean) => void;
  /** The focus is in the list (true) or left it (false). */
  setFocus: (on: boolean) => void;
}

interface Held {
  /** The sort and grouping the held order was made with: a new choice is a new order, at once. */
  order: string;
  keys: string[];
}

/**
 * Rows do not move under the pointer or the focus: while the person is on the list a
 * renewal changes a row's facts but not its place; the new order applies once they leave.
 */
export function useHeldOrder(fresh: ListItem[], order: string): HeldOrder {
  const [held, setHeld] = useState<Held | null>(null);
  if (held !== null && held.order !== order) setHeld({ order, keys: fresh.map((item) => item.key) });
  const items = useMemo(() => (held === null ? fresh : keepOrder(held.keys, fresh)), [held, fresh]);

  // Where the pointer and focus are needs no render of its own: only arriving and leaving do.
  const presence = useRef({ pointer: false, focus: false });
  const shown = useRef({ items, order });
  useLayoutEffect(() => {
    shown.current = { items, order };
  });
  const update = useCallback((part: 'pointer' | 'focus', on: boolean) => {
    const was = presence.current.pointer || presence.current.focus;
    presence.current = { ...presence.current, [part]: on };
    const is = presence.current.pointer || presence.current.focus;
    // Arriving holds what is on screen now; leaving lets the fresh order through.
    if (is && !was)
      setHeld({ order: shown.current.order, keys: shown.current.items.map((item) => item.key) });
    if (!is && was) setHeld(null);
  }, []);
  const setPointer = useCallback((on: boolean) => update('pointer', on), [update]);
  const setFocus = useCallback((on: boolean) => update('focus', on), [update]);
  const waiting = held !== null && !sameOrder(items, fresh);
  return { items, waiting, setPointer, setFocus };
}
