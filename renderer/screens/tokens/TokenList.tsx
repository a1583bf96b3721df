import type { Range } from '@tanstack/react-virtual';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent } from 'react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ConnectionBrief, PartnerBrief } from '../../api/types';
import { ConnectionRow } from './ConnectionRow';
import type { ListItem } from './list-model';
import { PartnerRow } from './PartnerRow';
import { COLUMN_COUNT, CONNECTION_ROW_HEIGHT, PARTNER_ROW_HEIGHT, rowId } from './row-layout';

const COLUMNS = [
  { title: 'Status', cell: 'status' },
  { title: 'Connection', cell: 'name' },
  { title: 'Expires in', cell: 'expiry' },
  { title: 'Next renewal', cell: 'next' },
  { title: 'Token', cell: 'token' },
  { title: 'Scope', cell: 'scope' },
  { title: 'Copy', cell: 'copy' },
];

/**
 * The list as a grid of fixed-height rows, virtualised: only what is visible is
 * in the DOM, so ten thousand connections scroll as smoothly as ten. One row is
 * in the tab order (the selected one); arrow keys move the selection.
 */
export function TokenList({
  items,
  selected,
  revealSeq,
  focusSelectedOnMount = false,
  onSelect,
  onOpen,
  onCopy,
  onPointerOnList,
  onFocusInList,
}: {
  items: ListItem[];
  selected: string | null;
  revealSeq: number;
  /** Coming back from the details (compact layout): the selected row gets the focus again. */
  focusSelectedOnMount?: boolean;
  onSelect: (key: string) => void;
  /** A click or Enter on a row: select it and show its details (which the compact layout opens over the list). */
  onOpen: (key: string) => void;
  onCopy: (connection: ConnectionBrief, partner: PartnerBrief) => void;
  onPointerOnList: (on: boolean) => void;
  onFocusInList: (on: boolean) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef<string | null>(focusSelectedOnMount ? selected : null);
  const selectedIndex = useMemo(
    () => (selected === null ? -1 : items.findIndex((item) => item.key === selected)),
    [items, selected],
  );
  const tabbableIndex = selectedIndex >= 0 ? selectedIndex : 0;

  // The tabbable row is always rendered, even when scrolled away, so Tab can always reach the list.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (tabbableIndex < range.count && !indexes.includes(tabbableIndex)) {
        indexes.push(tabbableIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [tabbableIndex],
  );
  const estimateSize = useCallback(
    (index: number) => (items[index]?.kind === 'partner' ? PARTNER_ROW_HEIGHT : CONNECTION_ROW_HEIGHT),
    [items],
  );
  const getItemKey = useCallback((index: number) => items[index]?.key ?? index, [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 8,
  });

  useLayoutEffect(() => {
    const key = focusAfterRender.current;
    if (key === null) return;
    const row = document.getElementById(rowId(key));
    if (row) {
      row.focus({ preventScroll: true });
      focusAfterRender.current = null;
    }
  });

  // Unmounted (the compact details took the window): the pointer and the focus are no longer on the list.
  useEffect(
    () => () => {
      onPointerOnList(false);
      onFocusInList(false);
    },
    [onPointerOnList, onFocusInList],
  );

  // A reveal (tray notification click, a new connection) scrolls to the row once it is in the list.
  const revealed = useRef(focusSelectedOnMount ? -1 : 0);
  useEffect(() => {
    if (revealSeq === revealed.current || selectedIndex < 0) return;
    revealed.current = revealSeq;
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [revealSeq, selectedIndex, virtualizer]);

  const move = (index: number) => {
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!target) return;
    focusAfterRender.current = target.key;
    onSelect(target.key);
    virtualizer.scrollToIndex(items.indexOf(target), { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rowElement = (event.target as HTMLElement).closest('[role="row"]');
    const focusedIndex = rowElement ? items.findIndex((item) => rowId(item.key) === rowElement.id) : -1;
    const current = focusedIndex >= 0 ? focusedIndex : selectedIndex;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / CONNECTION_ROW_HEIGHT) - 1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => current + 1,
      ArrowUp: () => Math.max(0, current - 1),
      Home: () => 0,
      End: () => items.length - 1,
      PageDown: () => current + page,
      PageUp: () => Math.max(0, current - page),
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      move(next());
    } else if (
      (event.key === 'Enter' || event.key === ' ') &&
      event.target === rowElement &&
      focusedIndex >= 0
    ) {
      // On the row itself: its copy button answers Enter and Space on its own.
      event.preventDefault();
      const item = items[focusedIndex];
      if (item) onOpen(item.key);
    }
  };

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Connections"
      aria-rowcount={items.length + 1}
      aria-colcount={COLUMN_COUNT}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="row row--head">
          {COLUMNS.map((column) => (
            <div key={column.cell} role="columnheader" className={`cell cell--${column.cell}`}>
              <span className="column-title">{column.title}</span>
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        className="grid-body"
        onKeyDown={onKeyDown}
        onPointerEnter={() => onPointerOnList(true)}
        onPointerLeave={() => onPointerOnList(false)}
        onFocus={() => onFocusInList(true)}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget)) onFocusInList(false);
        }}
      >
        <div className="grid-canvas" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            const common = {
              rowKey: item.key,
              rowIndex: virtual.index + 2,
              top: virtual.start,
              selected: item.key === selected,
              tabbable: virtual.index === tabbableIndex,
              onSelect: onOpen,
            };
            return item.kind === 'partner' ? (
              <PartnerRow key={item.key} {...common} partner={item.partner} shown={item.shown} />
            ) : (
              <ConnectionRow
                key={item.key}
                {...common}
                connection={item.connection}
                partner={item.partner}
                onCopy={onCopy}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
