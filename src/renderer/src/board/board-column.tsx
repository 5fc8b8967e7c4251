import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useDndContext, useDroppable } from '@dnd-kit/core';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import type { Job } from '../../../shared/job';
import { isOpenStatus, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { NewRequestsBadge } from '../inbox/inbox-toast';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from '../find/find-store';
import { pickupTime } from './board-columns-data';
import type { ColumnJobs } from './board-columns-data';
import { dayRows } from './day-rows';
import type { DayHeaderRow } from './day-rows';
import { JobCard } from './job-card';
import { judgeMove } from './move-rules';

/** A card's height plus the gap below it; cards are one line per fact, so all are equal. */
export const CARD_ROW_PX = 88;
/** A day's header row ("Today · Mon Dec 7  6"). */
export const DAY_HEADER_PX = 26;

interface BoardColumnProps {
  status: JobStatus;
  column: ColumnJobs;
  timeZone: string;
  archivedIds: ReadonlySet<string>;
  /** This column's first card is the board's tab stop until a card has been visited. */
  holdsFallbackTabStop: boolean;
  /** Drawn as a narrow rail (its name and count, still a drop target) beside the job panel. */
  collapsed?: boolean;
  /** The rail was pressed: show this column in full. */
  onExpand?: (status: JobStatus) => void;
}

/**
 * One status: its header and its own scrolling, virtualized list of cards under day headers
 * (the header of the day in view stays on top); a drop target. Collapsed, a rail.
 */
export const BoardColumn = memo(function BoardColumn({
  status,
  column,
  timeZone,
  archivedIds,
  holdsFallbackTabStop,
  collapsed = false,
  onExpand,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const { active } = useDndContext();
  const dragged = active?.data.current?.job as Job | undefined;
  const verdict = dragged && isOver ? judgeMove(dragged, status).kind : null;
  const closed = !isOpenStatus(status);
  const showAll = useFindStore((s) => s.showAllClosed);
  const setShowAll = useFindStore((s) => s.setShowAllClosed);
  const total = column.jobs.length + column.hidden;
  const className = ['column', collapsed && 'rail', verdict && `drop-${verdict}`]
    .filter(Boolean)
    .join(' ');

  if (collapsed) {
    return (
      <section ref={setNodeRef} className={className} data-status={status}>
        <button
          type="button"
          className="rail-button"
          aria-expanded={false}
          title={`Show ${STATUS_LABELS[status]} (${total})`}
          onClick={() => onExpand?.(status)}
        >
          <span id={`column-${status}`}>{STATUS_LABELS[status]}</span>{' '}
          <span className="count">{total}</span>
        </button>
      </section>
    );
  }
  return (
    <section
      ref={setNodeRef}
      className={className}
      aria-labelledby={`column-${status}`}
      data-status={status}
    >
      <header className="column-header">
        <h2 id={`column-${status}`}>
          {STATUS_LABELS[status]} <span className="count">{total}</span>
        </h2>
        {status === 'requested' && <NewRequestsBadge />}
        {closed && (column.hidden > 0 || showAll) && (
          <button
            type="button"
            className="link-button show-all"
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? 'Recent only' : `Show all (${column.hidden} older)`}
          </button>
        )}
      </header>
      <ColumnList
        column={column}
        closed={closed}
        timeZone={timeZone}
        archivedIds={archivedIds}
        holdsFallbackTabStop={holdsFallbackTabStop}
      />
    </section>
  );
});

interface ColumnListProps {
  column: ColumnJobs;
  closed: boolean;
  timeZone: string;
  archivedIds: ReadonlySet<string>;
  holdsFallbackTabStop: boolean;
}

function ColumnList({
  column,
  closed,
  timeZone,
  archivedIds,
  holdsFallbackTabStop,
}: ColumnListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const jobs = column.jobs;
  // Every column under its jobs' pickup days.
  const rows = useMemo(
    () => dayRows(jobs, closed ? 'closed' : 'open', pickupTime, timeZone),
    [jobs, closed, timeZone],
  );
  const headerIndexes = useMemo(
    () => rows.flatMap((row, i) => (row.kind === 'day' ? [i] : [])),
    [rows],
  );
  // The header of the day at the top of the list is drawn pinned there (sticky).
  const pinned = useRef(0);
  const rangeExtractor = useCallback(
    (range: Range) => {
      pinned.current = headerIndexes.findLast((i) => i <= range.startIndex) ?? 0;
      const shown = new Set([pinned.current, ...defaultRangeExtractor(range)]);
      return [...shown].sort((a, b) => a - b);
    },
    [headerIndexes],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'day' ? DAY_HEADER_PX : CARD_ROW_PX),
    overscan: 2,
    getItemKey: (i) => {
      const row = rows[i];
      return !row ? i : row.kind === 'day' ? `day:${row.key}` : row.job.job_id;
    },
    rangeExtractor,
    // A card brought into view is not left under the pinned day header.
    scrollPaddingStart: DAY_HEADER_PX,
    // Drawn at once on the first render, before the list has been measured.
    initialRect: { width: 200, height: typeof window === 'undefined' ? 800 : window.innerHeight },
  });

  // The arrow keys (or a move) may lead to a card scrolled out of view: bring it in first.
  const focusJobId = useBoardStore((s) => s.focusJobId);
  useEffect(() => {
    if (!focusJobId) return;
    const index = rows.findIndex((r) => r.kind === 'job' && r.job.job_id === focusJobId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [focusJobId, rows, virtualizer]);

  return (
    <div ref={scrollRef} className="column-scroll">
      {jobs.length === 0 ? (
        <p className="column-empty">No jobs</p>
      ) : (
        <ul style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            if (row.kind === 'day') {
              const isPinned = item.index === pinned.current;
              return (
                <li
                  key={item.key}
                  className={isPinned ? 'day-row-pinned' : undefined}
                  style={isPinned ? undefined : { transform: `translateY(${item.start}px)` }}
                >
                  <DayHeader row={row} />
                </li>
              );
            }
            const job = row.job;
            return (
              <li key={item.key} style={{ transform: `translateY(${item.start}px)` }}>
                <JobCard
                  job={job}
                  timeZone={timeZone}
                  readOnly={archivedIds.has(job.job_id)}
                  fallbackTabStop={holdsFallbackTabStop && row.index === 0}
                  underItsDay={row.timeOnly}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function DayHeader({ row }: { row: DayHeaderRow }) {
  return (
    <h3
      className={row.overdue ? 'day-header overdue' : 'day-header'}
      title={row.overdue ? 'Open jobs whose pickup day is over' : undefined}
    >
      {row.label} <span className="count">{row.count}</span>
    </h3>
  );
}
