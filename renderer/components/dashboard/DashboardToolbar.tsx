import type { RefObject } from 'react';
import type { ListOptions, SortKey, StatusFilter } from '../../lib/dashboard';

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All statuses' },
  { value: 'problems', label: 'Problems (down, degraded, unknown)' },
  { value: 'down', label: 'Down' },
  { value: 'degraded', label: 'Degraded' },
  { value: 'unknown', label: 'Unknown' },
  { value: 'up', label: 'Up' },
  { value: 'maintenance', label: 'In maintenance' },
];

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'worst', label: 'Worst first' },
  { value: 'uptime', label: 'Lowest 24 h uptime' },
  { value: 'name', label: 'Name' },
];

/** Search, status and group filters, "Problems only" and the sort of the monitor list. */
export function DashboardToolbar({
  options,
  onOptions,
  groupNames,
  searchRef,
}: {
  options: ListOptions;
  onOptions: (o: ListOptions) => void;
  groupNames: readonly string[];
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="toolbar" role="search">
      <label className="toolbar__search">
        <span className="sr-only">Search monitors</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search monitors  ( / )"
          value={options.query}
          onChange={(e) => onOptions({ ...options, query: e.target.value })}
          aria-keyshortcuts="/"
        />
      </label>
      <label>
        <span className="sr-only">Status filter</span>
        <select
          aria-label="Status filter"
          value={options.status}
          onChange={(e) => onOptions({ ...options, status: e.target.value as StatusFilter })}
        >
          {STATUS_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Service group</span>
        <select
          aria-label="Service group"
          value={options.group}
          onChange={(e) => onOptions({ ...options, group: e.target.value })}
        >
          <option value="all">All groups</option>
          {groupNames.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn--small"
        aria-pressed={options.status === 'problems'}
        onClick={() => onOptions({ ...options, status: options.status === 'problems' ? 'all' : 'problems' })}
      >
        Problems only
      </button>
      <label>
        <span className="sr-only">Sort</span>
        <select
          aria-label="Sort"
          value={options.sort}
          onChange={(e) => onOptions({ ...options, sort: e.target.value as SortKey })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
