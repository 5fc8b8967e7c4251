import type {
  Announcements,
  KeyboardCoordinateGetter,
  ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { Job } from '../../../shared/job';
import { DROP_STEP_MINUTES } from './schedule-drop';

const jobOf = (data: unknown): Job | undefined => (data as { job?: Job } | undefined)?.job;
const isLane = (id: unknown) => String(id).startsWith('lane:');

/**
 * From the keyboard a picked-up block goes a lane at a time (up, down) and a quarter hour at a
 * time (left, right); the library's default of a few pixels a press would take dozens.
 */
export function laneByLane(axisMinutes: number): KeyboardCoordinateGetter {
  return (event, { currentCoordinates, context }) => {
    const block = context.collisionRect;
    if (!block) return undefined;
    const tracks = [...context.droppableRects.entries()]
      .filter(([id]) => isLane(id))
      .map(([, rect]) => rect)
      .sort((a, b) => a.top - b.top);
    if (event.code === 'ArrowLeft' || event.code === 'ArrowRight') {
      event.preventDefault();
      const width = tracks[0]?.width ?? 0;
      if (width <= 0) return undefined;
      const step = (width / axisMinutes) * DROP_STEP_MINUTES;
      return {
        ...currentCoordinates,
        x: currentCoordinates.x + (event.code === 'ArrowRight' ? step : -step),
      };
    }
    if (event.code === 'ArrowUp' || event.code === 'ArrowDown') {
      event.preventDefault();
      const middle = block.top + block.height / 2;
      let here = tracks.findIndex((t) => middle >= t.top && middle < t.top + t.height);
      if (here < 0) here = 0;
      const next = tracks[here + (event.code === 'ArrowDown' ? 1 : -1)];
      if (!next) return undefined;
      return { ...currentCoordinates, y: currentCoordinates.y + (next.top + 4 - block.top) };
    }
    return undefined;
  };
}

export const scheduleInstructions: ScreenReaderInstructions = {
  draggable:
    'Enter opens the job. Space picks it up; then up and down choose a crew member, left and ' +
    'right move it a quarter hour; Space drops it there, Escape puts it back.',
};

const laneName = (id: unknown) => {
  const name = String(id).slice('lane:'.length);
  return name === '' ? 'Unassigned' : name;
};

export const scheduleAnnouncements: Announcements = {
  onDragStart({ active }) {
    const job = jobOf(active.data.current);
    return job && `Picked up ${job.customer_name}'s job.`;
  },
  onDragOver({ active, over }) {
    const job = jobOf(active.data.current);
    return job && (over ? `Over ${laneName(over.id)}.` : 'Not over a lane.');
  },
  onDragEnd({ active, over }) {
    const job = jobOf(active.data.current);
    return (
      job &&
      (over ? `Dropped on ${laneName(over.id)}.` : `${job.customer_name}'s job was put back.`)
    );
  },
  onDragCancel({ active }) {
    const job = jobOf(active.data.current);
    return job && `${job.customer_name}'s job was put back.`;
  },
};
