import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionBrief, ListSnapshot, PartnerBrief } from '../../api/types';
import { isShortcutPress } from './shortcuts';
import { COMPACT_QUERY, useMediaQuery } from '../../hooks/useMediaQuery';
import { useSelection } from '../../hooks/useSelection';
import { ShareDialog } from '../connection/ShareDialog';
import { DetailPane } from './DetailPane';
import { EmptyList } from './EmptyList';
import type { ListFilter } from './list-model';
import { buildList, findConnection, NO_FILTER } from './list-model';
import { ListToolbar } from './ListToolbar';
import { RowActionStatus } from './RowActionStatus';
import { rowId } from './row-layout';
import { SummaryBar } from './SummaryBar';
import { TokenList } from './TokenList';
import { useHeldOrder } from './useHeldOrder';
import { useListView } from './useListView';
import { useRowActions } from './useRowActions';
import { useRowShortcuts } from './useRowShortcuts';

/**
 * The main screen: summary, search and filters, the list, and the selected row's details:
 * side by side in a wide window, taking turns at the full width in a narrow one.
 */
export function TokensScreen({ snapshot }: { snapshot: ListSnapshot }) {
  const { selected, select, revealSeq } = useSelection();
  const compact = useMediaQuery(COMPACT_QUERY);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [backSeq, setBackSeq] = useState(0);
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [view, setView] = useListView(snapshot.settings);
  // Typing stays immediate while ten thousand rows are filtered behind it.
  const deferredFilter = useDeferredValue(filter);
  const fresh = useMemo(
    () => buildList(snapshot.partners, deferredFilter, view),
    [snapshot.partners, deferredFilter, view],
  );
  const held = useHeldOrder(fresh, `${view.sort}/${String(view.grouped)}`);
  const items = held.items;
  const total = useMemo(
    () => snapshot.partners.reduce((sum, partner) => sum + partner.connections.length, 0),
    [snapshot.partners],
  );
  const shown = useMemo(() => items.filter((item) => item.kind === 'connection').length, [items]);
  const actions = useRowActions();
  const selectedTarget = useMemo(
    () => (selected?.startsWith('c:') ? findConnection(snapshot.partners, selected.slice(2)) : null),
    [snapshot.partners, selected],
  );
  useRowShortcuts(selectedTarget, actions);

  // A row asked to be revealed (notification click, a new connection) must not hide behind a filter.
  const handledReveal = useRef(revealSeq);
  useEffect(() => {
    if (revealSeq === handledReveal.current) return;
    handledReveal.current = revealSeq;
    setDetailsOpen(true);
    if (selected !== null && !items.some((item) => item.key === selected)) setFilter(NO_FILTER);
  }, [revealSeq, selected, items]);

  const open = useCallback(
    (key: string) => {
      select(key);
      setDetailsOpen(true);
    },
    [select],
  );
  const back = useCallback(() => {
    setDetailsOpen(false);
    setBackSeq((seq) => seq + 1);
  }, []);
  const { copyToken } = actions;
  const copy = useCallback(
    (connection: ConnectionBrief, partner: PartnerBrief) => copyToken({ connection, partner }),
    [copyToken],
  );
  const firstConnection = () => items.find((item) => item.kind === 'connection') ?? items[0];
  const focusRow = (key: string) =>
    requestAnimationFrame(() => document.getElementById(rowId(key))?.focus({ preventScroll: true }));

  const showDetails = compact && detailsOpen && selected !== null;
  // Escape in the compact details goes back to the list, as the back button does.
  useEffect(() => {
    if (!showDetails) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !isShortcutPress(event)) return;
      event.preventDefault();
      back();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [showDetails, back]);

  return (
    <div className={compact ? 'tokens-screen tokens-screen--compact' : 'tokens-screen'}>
      {!showDetails && (
        <div className="list-pane">
          <SummaryBar snapshot={snapshot} />
          <ListToolbar
            filter={filter}
            onChange={setFilter}
            shown={shown}
            total={total}
            view={view}
            onViewChange={setView}
            orderWaiting={held.waiting}
            onOpenFirst={() => {
              const first = firstConnection();
              if (!first) return;
              open(first.key);
              if (!compact) focusRow(first.key);
            }}
            onEnterResults={() => {
              const first = items[0];
              if (!first) return;
              select(first.key);
              focusRow(first.key);
            }}
          />
          {items.length > 0 ? (
            <TokenList
              key={backSeq}
              items={items}
              selected={selected}
              revealSeq={revealSeq}
              focusSelectedOnMount={backSeq > 0}
              onSelect={select}
              onOpen={compact ? open : select}
              onCopy={copy}
              onPointerOnList={held.setPointer}
              onFocusInList={held.setFocus}
            />
          ) : (
            <EmptyList hasPartners={snapshot.partners.length > 0} />
          )}
          <RowActionStatus actions={actions} />
        </div>
      )}
      {(!compact || showDetails) && (
        <DetailPane snapshot={snapshot} selected={selected} onBack={compact ? back : undefined} />
      )}
      {actions.sharing && (
        <ShareDialog
          connection={actions.sharing.connection}
          partner={actions.sharing.partner}
          onClose={actions.closeShare}
          onShared={(shared) => actions.sharing && actions.shared(actions.sharing, shared)}
        />
      )}
    </div>
  );
}
