import { createContext, useContext } from 'react';

/** `c:<connectionId>` or `p:<partnerId>`: a row of the list. */
export type SelectionKey = string;

export const connectionKey = (id: string): SelectionKey => `c:${id}`;
export const partnerKey = (id: string): SelectionKey => `p:${id}`;

export interface SelectionState {
  selected: SelectionKey | null;
  /** Selects a row; `reveal` also clears filters that hide it and scrolls it into view. */
  select: (key: SelectionKey | null, options?: { reveal?: boolean }) => void;
  /** Bumped on every reveal request, so the list scrolls even when the row was already selected. */
  revealSeq: number;
}

export const SelectionContext = createContext<SelectionState | null>(null);

export function useSelection(): SelectionState {
  const state = useContext(SelectionContext);
  if (!state) throw new Error('useSelection needs a SelectionContext provider');
  return state;
}
