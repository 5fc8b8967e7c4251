import type { Job } from '../../../shared/job';
import type { JobEdit } from '../../../shared/jobs/job-edit';

/** A drag's time steps: a quarter hour, the grain pickups are arranged in. */
export const DROP_STEP_MINUTES = 15;

/** Minutes a drag of `dx` px moves a job on a track `width` px wide showing `axisMinutes`. */
export function shiftOf(dx: number, width: number, axisMinutes: number): number {
  if (width <= 0) return 0;
  const minutes = (dx / width) * axisMinutes;
  return Math.round(minutes / DROP_STEP_MINUTES) * DROP_STEP_MINUTES;
}

const later = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * The edit a drop makes: to `lane` (null: unassigned) and `minutes` later (earlier when
 * negative), the window end moving with the pickup; `base` holds the values dragged from, so a
 * change made elsewhere meanwhile is refused, not overwritten. Null: the job stays as it is.
 */
export function dropEdit(job: Job, lane: string | null, minutes: number): JobEdit | null {
  const changes: JobEdit['changes'] = {};
  const base: NonNullable<JobEdit['base']> = {};
  const from = job.assigned_to || null;
  if (lane !== from) {
    changes.assigned_to = lane;
    base.assigned_to = job.assigned_to ?? null;
  }
  if (minutes !== 0) {
    changes.pickup_date = later(job.pickup_date, minutes);
    base.pickup_date = job.pickup_date;
    if (job.pickup_window_end) {
      changes.pickup_window_end = later(job.pickup_window_end, minutes);
      base.pickup_window_end = job.pickup_window_end;
    }
  }
  return Object.keys(changes).length ? { changes, base } : null;
}

/** The edit that takes a drop back: the old values, checked against what the drop saved. */
export function undoEdit(edit: JobEdit): JobEdit {
  const changes: JobEdit['changes'] = { ...edit.base };
  return {
    changes,
    base: Object.fromEntries(
      Object.entries(edit.changes).map(([field, value]) => [field, value ?? null]),
    ),
    // Undo puts back what was there, even a time that has passed meanwhile.
    allow_past_pickup: true,
    undo: true,
  };
}
