import { pointerWithin, rectIntersection } from '@dnd-kit/core';
import type {
  Announcements,
  CollisionDetection,
  KeyboardCoordinateGetter,
  ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { Job } from '../../../shared/job';
import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { judgeMove } from './move-rules';

/** The column under the pointer; from the keyboard (no pointer), the column the card overlaps. */
export const columnCollision: CollisionDetection = (args) => {
  const byPointer = pointerWithin(args);
  return byPointer.length > 0 ? byPointer : rectIntersection(args);
};

const jobOf = (data: unknown): Job | undefined => (data as { job?: Job } | undefined)?.job;

/** The column a keyboard drag is aimed at (by index), and whether a key has moved it. */
let keyboardColumn: number | null = null;
let keyboardMoved = false;

/**
 * Called when a drag starts (with its card's status) and after it ends (null), so each keyboard
 * drag starts from its own column. The reset waits a microtask: the screen-reader announcement
 * of the drop, which runs after the drop handler, reads the aim too.
 */
export function aimKeyboardDragAt(status: JobStatus | null): void {
  if (status === null) {
    queueMicrotask(() => {
      keyboardColumn = null;
      keyboardMoved = false;
    });
    return;
  }
  keyboardColumn = JOB_STATUSES.indexOf(status);
  keyboardMoved = false;
}

/**
 * Where a keyboard drag was dropped: the column the keys aimed at. Quick presses can end a drag
 * before the library has recomputed which column the card is over, so its `over` may lag.
 */
export function keyboardDropTarget(): JobStatus | null {
  return keyboardMoved && keyboardColumn !== null ? (JOB_STATUSES[keyboardColumn] ?? null) : null;
}

/**
 * Left and right carry a picked-up card a whole column at a time (the library's default moves it
 * a few pixels per key press, which would take dozens of presses to cross a column). The aim
 * is kept here rather than read back from the card's position, which lags quick presses.
 */
export const columnByColumn: KeyboardCoordinateGetter = (
  event,
  { currentCoordinates, context },
) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return undefined;
  event.preventDefault();
  // The first press can come before the drag-start callback has run: start from the card.
  keyboardColumn ??= JOB_STATUSES.indexOf(
    jobOf(context.active?.data.current)?.status ?? 'requested',
  );
  const card = context.collisionRect;
  const next = keyboardColumn + step;
  const target = context.droppableRects.get(JOB_STATUSES[next] ?? '');
  if (!card || !target) return undefined;
  keyboardColumn = next;
  keyboardMoved = true;
  return {
    x: target.left + (target.width - card.width) / 2,
    y: Math.min(currentCoordinates.y, target.top + target.height - card.height),
  };
};

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable:
    'Arrow keys move between cards. Enter opens the job. Space picks the card up; then left and ' +
    'right arrows choose a column, Space drops it there, Escape puts it back. Shift+F10 opens ' +
    'its menu.',
};

/** What a screen reader hears while a card is dragged: where it is, and whether it may go there. */
export const announcements: Announcements = {
  onDragStart({ active }) {
    const job = jobOf(active.data.current);
    return job && `Picked up ${job.customer_name}'s job in ${STATUS_LABELS[job.status]}.`;
  },
  onDragOver({ active, over }) {
    const job = jobOf(active.data.current);
    if (!job || !over) return job && 'Not over a column.';
    return overText(job, over.id as JobStatus);
  },
  onDragEnd({ active, over }) {
    const job = jobOf(active.data.current);
    const status = keyboardDropTarget() ?? (over?.id as JobStatus | undefined);
    if (!job || !status) return job && `${job.customer_name}'s job was put back.`;
    const verdict = judgeMove(job, status);
    const to = STATUS_LABELS[status];
    switch (verdict.kind) {
      case 'same':
        return `${job.customer_name}'s job stays in ${to}.`;
      case 'move':
        return `Moved ${job.customer_name}'s job to ${to}.`;
      case 'correction':
        return `Moving ${job.customer_name}'s job back to ${to} needs a reason.`;
      case 'refused':
        return `Not moved. ${verdict.why}`;
    }
  },
  onDragCancel({ active }) {
    const job = jobOf(active.data.current);
    return job && `${job.customer_name}'s job was put back in ${STATUS_LABELS[job.status]}.`;
  },
};

function overText(job: Job, to: JobStatus): string {
  const verdict = judgeMove(job, to);
  const label = STATUS_LABELS[to];
  switch (verdict.kind) {
    case 'same':
      return `Over ${label}, where it is now.`;
    case 'move':
      return `Over ${label}: drop to move it there.`;
    case 'correction':
      return `Over ${label}: drop to move it back, with a reason.`;
    case 'refused':
      return `Over ${label}: it cannot go there. ${verdict.why}`;
  }
}
