import type { ConnectionStatus, Dialect } from '../../api/types';
import { Icon } from '../../components/Icon';
import { DIALECT_LABEL, DIALECTS, STATUS_LABEL, STATUS_ORDER } from '../../format/labels';
import type { ListFilter } from './list-model';

export const SEARCH_INPUT_ID = 'search';

/** Search and filters above the list; '/' anywhere in the window jumps to the search field. */
export function ListToolbar({
  filter,
  onChange,
  shown,
  total,
}: {
  filter: ListFilter;
  onChange: (filter: ListFilter) => void;
  shown: number;
  total: number;
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
          autoComplete="off"
          spellCheck={false}
          value={filter.query}
          onChange={(event) => onChange({ ...filter, query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter.query !== '') {
              event.preventDefault();
              onChange({ ...filter, query: '' });
            }
          }}
        />
        <kbd className="search-hint" aria-hidden="true">
          /
        </kbd>
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
      <p className="toolbar-count muted">
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
