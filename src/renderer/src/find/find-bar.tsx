import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';
import { useFindStore } from './find-store';
import type { AssigneeFilter, DateFilter } from './filter-jobs';
import { zoneCity } from '../../../shared/format';
import {
  useAssigneeNames,
  useBusinessTimeZone,
  useFoundJobs,
  usePreparedSearch,
} from './use-found-jobs';
import { machineTimeZone } from '../../../shared/zoned-time';
import { useShownCount } from './shown-count';
import './find-bar.css';

/** The search box's id: `/` focuses it from anywhere. */
export const SEARCH_INPUT_ID = 'job-search';

const DATES: [DateFilter, string][] = [
  ['all', 'All'],
  ['today', 'Today'],
  ['tomorrow', 'Tomorrow'],
  ['week', 'This week'],
];

const assigneeValue = (a: AssigneeFilter) => (typeof a === 'string' ? a : `name:${a.name}`);
const assigneeOf = (value: string): AssigneeFilter =>
  value === 'all' || value === 'none' ? value : { name: value.slice('name:'.length) };

/** Search, date, status and assignee filters, the archive switch and the Board | Day choice. */
export function FindBar() {
  const s = useFindStore();
  usePreparedSearch();
  const names = useAssigneeNames();
  const found = useFoundJobs();
  // What the board's range or the schedule's day shows, not every job found.
  const shown = useShownCount(found);
  const typed = s.query.trim();
  const narrowed = s.date !== 'all' || s.status !== 'all' || s.assignee !== 'all';
  const filtered = s.query !== '' || narrowed;
  const assigneeShown = assigneeValue(s.assignee);
  const timeZone = useBusinessTimeZone();

  return (
    <div className="find-bar" role="search" aria-label="Find jobs">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="search"
        placeholder="Search jobs  /"
        title="Name, phone, address, service, notes, crew, price, email or job id"
        aria-label="Search jobs"
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        value={s.query}
        onChange={(e) => s.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && s.query) {
            e.preventDefault();
            e.stopPropagation();
            s.setQuery('');
          }
        }}
      />
      <div className="segmented" role="radiogroup" aria-label="Pickup date">
        {DATES.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={s.date === value}
            onClick={() => s.setDate(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <select
        aria-label="Status"
        value={s.status}
        onChange={(e) => s.setStatus(e.target.value as typeof s.status)}
      >
        <option value="all">All statuses</option>
        {JOB_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <select
        aria-label="Assignee"
        value={assigneeShown}
        onChange={(e) => s.setAssignee(assigneeOf(e.target.value))}
      >
        <option value="all">Everyone</option>
        <option value="none">Unassigned</option>
        {names.map((name) => (
          <option key={name} value={`name:${name}`}>
            {name}
          </option>
        ))}
        {typeof s.assignee === 'object' && !names.includes(s.assignee.name) && (
          <option value={assigneeShown}>{s.assignee.name}</option>
        )}
      </select>
      <label className="check" title="Include finished jobs moved to the archive (read-only)">
        <input
          type="checkbox"
          aria-label="Include archived jobs"
          checked={s.includeArchived}
          onChange={(e) => void s.setIncludeArchived(e.target.checked)}
        />
        Archived
      </label>
      <p className="found" aria-live="polite">
        {typed && shown === 0 ? (
          <span className="no-match">
            No jobs match “<span title={typed}>{typed}</span>”{narrowed && ' with these filters'}
            {s.view === 'day' && found.jobs.length > 0 && ' on the days shown'}{' '}
            <button type="button" className="link-button" onClick={() => s.setQuery('')}>
              Clear search
            </button>
          </span>
        ) : filtered ? (
          <>
            {shown} of {found.total}
            {typed && ' match'}{' '}
            <button type="button" className="link-button" onClick={s.clearFilters}>
              Clear
            </button>
          </>
        ) : (
          // Only what is on screen: the board's range (or the schedule's day) leaves out the
          // rest, said on hover; "N of M" would widen the header at 800 px.
          <span title={shown !== found.total ? `${found.total} in all` : undefined}>
            {shown} {shown === 1 ? 'job' : 'jobs'}
          </span>
        )}
        {s.archivedError && <span className="error"> Archive: {s.archivedError}</span>}
      </p>
      {timeZone !== machineTimeZone() && (
        <p className="zone-note" title={timeZone}>
          {zoneCity(timeZone)} time
        </p>
      )}
    </div>
  );
}

/** Board | Day. */
export function ViewSwitch() {
  const view = useFindStore((s) => s.view);
  const setView = useFindStore((s) => s.setView);
  return (
    <div className="segmented" role="radiogroup" aria-label="View">
      {(['board', 'day'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={view === v}
          onClick={() => setView(v)}
        >
          {v === 'board' ? 'Board' : 'Day'}
        </button>
      ))}
    </div>
  );
}
