import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ListSnapshot } from '../../api/types';
import { useSelection } from '../../hooks/useSelection';
import { DetailPane } from './DetailPane';
import { EmptyList } from './EmptyList';
import type { ListFilter } from './list-model';
import { buildList, NO_FILTER } from './list-model';
import { ListToolbar } from './ListToolbar';
import { SummaryBar } from './SummaryBar';
import { TokenList } from './TokenList';

/** The main screen: summary, search and filters, the list grouped by partner, and the selected row's details. */
export function TokensScreen({ snapshot }: { snapshot: ListSnapshot }) {
  const { selected, select, revealSeq } = useSelection();
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  // Typing stays immediate while ten thousand rows are filtered behind it.
  const deferredFilter = useDeferredValue(filter);
  const items = useMemo(
    () => buildList(snapshot.partners, deferredFilter),
    [snapshot.partners, deferredFilter],
  );
  const total = useMemo(
    () => snapshot.partners.reduce((sum, partner) => sum + partner.connections.length, 0),
    [snapshot.partners],
  );
  const shown = useMemo(() => items.filter((item) => item.kind === 'connection').length, [items]);

  // A row asked to be revealed (notification click, a new connection) must not hide behind a filter.
  const handledReveal = useRef(revealSeq);
  useEffect(() => {
    if (revealSeq === handledReveal.current) return;
    handledReveal.current = revealSeq;
    if (selected !== null && !items.some((item) => item.key === selected)) setFilter(NO_FILTER);
  }, [revealSeq, selected, items]);

  return (
    <div className="tokens-screen">
      <div className="list-pane">
        <SummaryBar snapshot={snapshot} />
        <ListToolbar filter={filter} onChange={setFilter} shown={shown} total={total} />
        {items.length > 0 ? (
          <TokenList items={items} selected={selected} revealSeq={revealSeq} onSelect={select} />
        ) : (
          <EmptyList hasPartners={snapshot.partners.length > 0} />
        )}
      </div>
      <DetailPane snapshot={snapshot} selected={selected} />
    </div>
  );
}
