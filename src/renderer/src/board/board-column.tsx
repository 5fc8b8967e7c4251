import { memo, useEffect, useRef } from 'react';
import { useDndContext, useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Job } from '../../../shared/job';
import { isOpenStatus, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { NewRequestsBadge } from '../inbox/inbox-toast';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from '../find/find-store';
import type { ColumnJobs } from './board-columns-data';
import { JobCard } from './job-card';
import { judgeMove } from './move-rules';

/** A card's height plus the gap below it; cards are one line per fact, so all are equal. */
export const CARD_ROW_PX = 84;

interface BoardColumnProps {
  status: JobStatus;
  column: ColumnJobs;
  timeZone: string;
  archivedIds: ReadonlySet<string>;
  /** This column's first card is the board's tab stop until a card has been visited. */
  holdsFallbackTabStop: boolean;
}

/** One status: its header and its own scrolling, virtualized list of cards; a drop target. */
export const BoardColumn = memo(function BoardColumn({
  status,
  column,
  timeZone,
  archivedIds,
  holdsFallbackTabStop,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const { active } = useDndContext();
  const dragged = active?.data.current?.job as Job | undefined;
  const verdict = dragged && isOver ? judgeMove(dragged, status).kind : null;
  const scrollRef = useRef<HTMLDivElement>(null);
  const jobs = column.jobs;
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ROW_PX,
    overscan: 2,
    getItemKey: (index) => jobs[index]?.job_id ?? index,
    // Drawn at once on the first render, before the list has been measured.
    initialRect: { width: 200, height: typeof window === 'undefined' ? 800 : window.innerHeight },
  });

  // The arrow keys (or a move) may lead to a card scrolled out of view: bring it in first.
  const focusJobId = useBoardStore((s) => s.focusJobId);
  useEffect(() => {
    if (!focusJobId) return;
    const index = jobs.findIndex((j) => j.job_id === focusJobId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [focusJobId, jobs, virtualizer]);

  const closed = !isOpenStatus(status);
  const showAll = useFindStore((s) => s.showAllClosed);
  const setShowAll = useFindStore((s) => s.setShowAllClosed);
  const total = jobs.length + column.hidden;

  return (
    <section
      ref={setNodeRef}
      className={['column', verdict && `drop-${verdict}`].filter(Boolean).join(' ')}
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
      <div ref={scrollRef} className="column-scroll">
        {jobs.length === 0 ? (
          <p className="column-empty">No jobs</p>
        ) : (
          <ul style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const job = jobs[row.index]!;
              return (
                <li key={row.key} style={{ transform: `translateY(${row.start}px)` }}>
                  <JobCard
                    job={job}
                    timeZone={timeZone}
                    readOnly={archivedIds.has(job.job_id)}
                    fallbackTabStop={holdsFallbackTabStop && row.index === 0}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
});
