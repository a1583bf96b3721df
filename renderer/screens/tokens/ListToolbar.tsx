import type { ConnectionStatus, Dialect } from '../../api/types';
import { Icon } from '../../components/Icon';
import { DIALECT_LABEL, DIALECTS, STATUS_LABEL, STATUS_ORDER } from '../../format/labels';
import type { ListFilter, ListSort, ListView } from './list-model';

const SORT_LABEL: Record<ListSort, string> = {
  urgency: 'Urgency',
  expiry: 'Expiry',
  partner: 'Partner',
  name: 'Name',
};

export const SEARCH_INPUT_ID = 'search';

/** Search and filters above the list; '/' anywhere in the window jumps to the search field. */
export function ListToolbar({
  filter,
  onChange,
  shown,
  total,
  view,
  onViewChange,
  orderWaiting,
  onOpenFirst,
  onEnterResults,
}: {
  filter: ListFilter;
  onChange: (filter: ListFilter) => void;
  shown: number;
  total: number;
  view: ListView;
  onViewChange: (view: ListView) => void;
  /** A newer order waits until the pointer and the focus leave the list. */
  orderWaiting: boolean;
  /** Enter in Search: open the first match. */
  onOpenFirst: () => void;
  /** ↓ in Search: move into the results. */
  onEnterResults: () => void;
}) {
  const filtered = filter.query !== '' || filter.status !== 'all' || filter.dialect !== 'all';
  return (
    <div className="toolbar" role="search">
      <div className="search-field">
        <Icon name="search" />
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          Search
        </label>
        <input
          id={SEARCH_INPUT_ID}
          className="input"
          type="search"
          placeholder="Partner, label, fingerprint, scope"
          aria-keyshortcuts="/"
          aria-describedby="search-keys"
          autoComplete="off"
          spellCheck={false}
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter.query !== '') {
              event.preventDefault();
              onChange({ ...filter, query: '' });
            } else if (event.key === 'Enter') {
              event.preventDefault();
              onOpenFirst();
            } else if (event.key === 'ArrowDown') {
              event.preventDefault();
              onEnterResults();
            }
          }}
        />
        <kbd className="search-hint" aria-hidden="true">
          /
        </kbd>
        <span id="search-keys" className="visually-hidden">
          Enter opens the first match; the down arrow moves into the results.
        </span>
      </div>
      <div className="toolbar-filter">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          className="select"
          value={filter.status}
          onChange={(event) =>
            onChange({ ...filter, status: event.target.value as ConnectionStatus | 'all' })
          }
        >
          <option value="all">All</option>
          {STATUS_ORDER.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-filter">
        <label htmlFor="filter-dialect">Dialect</label>
        <select
          id="filter-dialect"
          className="select"
          value={filter.dialect}
          onChange={(event) => onChange({ ...filter, dialect: event.target.value as Dialect | 'all' })}
        >
          <option value="all">All</option>
          {DIALECTS.map((dialect) => (
            <option key={dialect} value={dialect}>
              {DIALECT_LABEL[dialect]}
            </option>
          ))}
        </select>
      </div>
      <div className="toolbar-filter">
        <label htmlFor="list-sort">Sort</label>
        <select
          id="list-sort"
          className="select"
          value={view.sort}
          onChange={(event) => onViewChange({ ...view, sort: event.target.value as ListSort })}
        >
          {(Object.keys(SORT_LABEL) as ListSort[]).map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABEL[sort]}
            </option>
          ))}
        </select>
      </div>
      <label className="toolbar-filter toolbar-check">
        <input
          type="checkbox"
          checked={view.grouped}
          onChange={(event) => onViewChange({ ...view, grouped: event.target.checked })}
        />
        Group by partner
      </label>
      <p className="toolbar-count muted">
        {orderWaiting && <span className="order-held">Order held while you are on the list · </span>}
        {filtered ? `${shown} of ${total} connections` : `${total} connection${total === 1 ? '' : 's'}`}
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ query: '', status: 'all', dialect: 'all' })}
          >
            Clear filters
          </button>
        )}
      </p>
    </div>
  );
}
