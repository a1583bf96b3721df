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
      <ToolbarSelect
        id="filter-status"
        label="Status"
        value={filter.status}
        options={[['all', 'All'], ...STATUS_ORDER.map((status) => [status, STATUS_LABEL[status]] as const)]}
        onChange={(status) => onChange({ ...filter, status })}
      />
      <ToolbarSelect
        id="filter-dialect"
        label="Dialect"
        value={filter.dialect}
        options={[['all', 'All'], ...DIALECTS.map((dialect) => [dialect, DIALECT_LABEL[dialect]] as const)]}
        onChange={(dialect) => onChange({ ...filter, dialect })}
      />
      <ToolbarSelect
        id="list-sort"
        label="Sort"
        value={view.sort}
        options={Object.entries(SORT_LABEL) as Array<[ListSort, string]>}
        onChange={(sort) => onViewChange({ ...view, sort })}
      />
      <div className="toolbar-end">
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
    </div>
  );
}

/** One of the toolbar's choices: a labelled select over a fixed list of values. */
function ToolbarSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (value: V) => void;
}) {
  return (
    <div className="toolbar-filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
