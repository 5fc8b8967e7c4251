import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent, DragStartEvent } from '@dnd-kit/core';
import type { Job } from '../../../shared/job';
import { isOpenStatus, JOB_STATUSES } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from '../find/find-store';
import { useBusinessTimeZone, useFoundJobs } from '../find/use-found-jobs';
import { useToastStore } from '../toasts/toast-store';
import { BoardColumn } from './board-column';
import { columnsOf } from './board-columns-data';
import type { BoardColumnsData } from './board-columns-data';
import { inBoardRange, useBoardRangeStore } from './board-range';
import { useBusinessDay } from './use-business-day';
import {
  aimKeyboardDragAt,
  announcements,
  columnByColumn,
  columnCollision,
  keyboardDropTarget,
  screenReaderInstructions,
} from './board-dnd';
import { BoardNavContext, cardAfterKey } from './board-nav';
import type { NavKey } from './board-nav';
import { cardPickupTime } from './card-time';
import { cardPrice } from './card-price';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { judgeMove } from './move-rules';

/** The six status columns, with drag and drop between them and arrow keys across them. */
export function BoardColumns() {
  const found = useFoundJobs();
  const showAllClosed = useFindStore((s) => s.showAllClosed);
  const timeZone = useBusinessTimeZone();
  const today = useBusinessDay(timeZone);
  // The board's own range decides when the header picked no date, nothing is searched and the
  // archive is not asked for: a search, or the archive, looks at every day.
  const rangeApplies = useFindStore(
    (s) => s.date === 'all' && s.query.trim() === '' && !s.includeArchived,
  );
  const range = useBoardRangeStore((s) => s.range);
  const columns = useMemo(() => {
    const shown = rangeApplies ? inBoardRange(found.jobs, range, timeZone) : found.jobs;
    return columnsOf(shown, showAllClosed);
    // `today` is here so that the range moves on at midnight.
  }, [found.jobs, showAllClosed, rangeApplies, range, timeZone, today]); // eslint-disable-line react-hooks/exhaustive-deps
  const [dragged, setDragged] = useState<Job | null>(null);
  const { setBoard, statuses: collapsed, expand } = useClosedColumnsCollapsed();
  const shownColumns = useMemo(
    () => (collapsed.size === 0 ? columns : withoutCards(columns, collapsed)),
    [columns, collapsed],
  );

  // For the bench and the tests: the moment a board with these jobs is on screen and laid out.
  useLayoutEffect(() => {
    void document.body.offsetHeight;
    performance.mark('qdn:board-rendered');
  }, [columns]);

  const navigate = useCallback(
    (jobId: string, key: NavKey) => {
      // A collapsed column's cards are not on screen: the keys pass it by.
      const to = cardAfterKey(shownColumns, jobId, key);
      if (!to) return false;
      useBoardStore.getState().focusCard(to.job_id);
      return true;
    },
    [shownColumns],
  );
  const nav = useMemo(() => ({ navigate, dragging: dragged !== null }), [navigate, dragged]);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still selects the card.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnByColumn,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

  function onDragStart({ active }: DragStartEvent) {
    const job = (active.data.current as { job: Job }).job;
    aimKeyboardDragAt(job.status);
    setDragged(job);
  }
  function onDragEnd({ active, over }: DragEndEvent) {
    const to = keyboardDropTarget() ?? (over?.id as JobStatus | undefined);
    aimKeyboardDragAt(null);
    setDragged(null);
    if (!to) return;
    const job = useBoardStore.getState().jobs.find((j) => j.job_id === active.id);
    if (!job) return;
    const verdict = judgeMove(job, to);
    if (verdict.kind === 'move') void useBoardStore.getState().moveJob(job.job_id, to);
    else if (verdict.kind === 'correction') {
      useDialogsStore.getState().askMove({ jobId: job.job_id, to, kind: 'correction' });
    } else if (verdict.kind === 'refused') {
      useToastStore.getState().push({ text: `Not moved. ${verdict.why}`, tone: 'error' });
    }
  }

  const firstWithJobs = JOB_STATUSES.find((s) => shownColumns[s].jobs.length > 0);
  return (
    <BoardNavContext.Provider value={nav}>
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        accessibility={{ announcements, screenReaderInstructions }}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          aimKeyboardDragAt(null);
          setDragged(null);
        }}
      >
        <section
          ref={setBoard}
          className="board"
          aria-label="Jobs by status"
          style={{
            gridTemplateColumns: JOB_STATUSES.map((s) =>
              collapsed.has(s) ? 'var(--rail-width)' : 'minmax(0, 1fr)',
            ).join(' '),
          }}
        >
          {JOB_STATUSES.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              column={columns[status]}
              timeZone={timeZone}
              archivedIds={found.archivedIds}
              holdsFallbackTabStop={status === firstWithJobs}
              collapsed={collapsed.has(status)}
              onExpand={expand}
            />
          ))}
        </section>
        <DragOverlay dropAnimation={null}>
          {dragged && (
            <div className="job-card drag-overlay" aria-hidden="true">
              <div className="card-line card-top">
                <h4>{dragged.customer_name}</h4>
              </div>
              <p className="card-line card-what">{dragged.service}</p>
              <p className="card-line card-where">
                <time>{cardPickupTime(dragged, timeZone)}</time> {dragged.address}
              </p>
              <div className="card-line card-bottom">
                <span className="assignee">{dragged.assigned_to ?? 'No crew'}</span>
                <span className="price">{cardPrice(dragged)}</span>
              </div>
            </div>
          )}
        </DragOverlay>
      </DndContext>
    </BoardNavContext.Provider>
  );
}

/** Below this a column's cards cut names short: with the job panel open, closed columns yield. */
export const COLUMN_MIN_PX = 190;
const CLOSED: readonly JobStatus[] = JOB_STATUSES.filter((s) => !isOpenStatus(s));

/**
 * Which closed columns are drawn as rails: Completed and Canceled, while the job panel is open
 * beside a board too narrow for six readable columns (1366 px). The open work keeps its width,
 * nothing hides under the panel, and a card can still be dropped on a rail. A rail pressed
 * opens that column until the panel closes.
 */
function useClosedColumnsCollapsed() {
  const panelOpen = useBoardStore((s) => s.selectedJobId !== null);
  const [board, setBoard] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<JobStatus | null>(null);
  // The panel closed: the next one opens with both rails again.
  if (!panelOpen && expanded !== null) setExpanded(null);
  useEffect(() => {
    if (!board) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(board);
    return () => observer.disconnect();
  }, [board]);
  const narrow = width !== null && width < JOB_STATUSES.length * COLUMN_MIN_PX;
  const statuses = useMemo(
    () => new Set<JobStatus>(panelOpen && narrow ? CLOSED.filter((s) => s !== expanded) : []),
    [panelOpen, narrow, expanded],
  );
  return { setBoard, statuses, expand: setExpanded };
}

/** The columns as the keyboard walks them: a collapsed one holds no card on screen. */
function withoutCards(columns: BoardColumnsData, statuses: ReadonlySet<JobStatus>) {
  const out = { ...columns };
  for (const status of statuses) out[status] = { jobs: [], hidden: 0 };
  return out;
}
