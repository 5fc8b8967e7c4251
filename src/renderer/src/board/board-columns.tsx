import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
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
import { JOB_STATUSES } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from '../find/find-store';
import { useBusinessTimeZone, useFoundJobs } from '../find/use-found-jobs';
import { useToastStore } from '../toasts/toast-store';
import { BoardColumn } from './board-column';
import { columnsOf } from './board-columns-data';
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
import { useDialogsStore } from '../dialogs/dialogs-store';
import { judgeMove } from './move-rules';

/** The six status columns, with drag and drop between them and arrow keys across them. */
export function BoardColumns() {
  const found = useFoundJobs();
  const showAllClosed = useFindStore((s) => s.showAllClosed);
  const timeZone = useBusinessTimeZone();
  const columns = useMemo(() => columnsOf(found.jobs, showAllClosed), [found.jobs, showAllClosed]);
  const [dragged, setDragged] = useState<Job | null>(null);

  // For the bench and the tests: the moment a board with these jobs is on screen and laid out.
  useLayoutEffect(() => {
    void document.body.offsetHeight;
    performance.mark('qdn:board-rendered');
  }, [columns]);

  const navigate = useCallback(
    (jobId: string, key: NavKey) => {
      const to = cardAfterKey(columns, jobId, key);
      if (!to) return false;
      useBoardStore.getState().focusCard(to.job_id);
      return true;
    },
    [columns],
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

  const firstWithJobs = JOB_STATUSES.find((s) => columns[s].jobs.length > 0);
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
        <section className="board" aria-label="Jobs by status">
          {JOB_STATUSES.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              column={columns[status]}
              timeZone={timeZone}
              archivedIds={found.archivedIds}
              holdsFallbackTabStop={status === firstWithJobs}
            />
          ))}
        </section>
        <DragOverlay dropAnimation={null}>
          {dragged && (
            <div className="job-card drag-overlay" aria-hidden="true">
              <div className="card-line card-top">
                <h3>{dragged.customer_name}</h3>
              </div>
              <p className="card-line card-where">
                <time>{cardPickupTime(dragged, timeZone)}</time> {dragged.address}
              </p>
            </div>
          )}
        </DragOverlay>
      </DndContext>
    </BoardNavContext.Provider>
  );
}
