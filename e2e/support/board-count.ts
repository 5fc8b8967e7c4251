import type { Job } from '../../src/shared/job';
import { dayKeyOf, zonedInstant } from '../../src/shared/zoned-time';

/**
 * How many of `jobs` the board shows in its default range (src/renderer/src/board/board-range.ts):
 * open jobs, and those finished or canceled today or later; what the find bar counts unfiltered.
 */
export function onBoardByDefault(
  jobs: readonly Pick<Job, 'status' | 'pickup_date'>[],
  now: Date,
  timeZone = 'America/Chicago',
): number {
  const todayStart = zonedInstant(dayKeyOf(now, timeZone), 0, 0, timeZone).getTime();
  const finished = new Set(['completed', 'canceled']);
  return jobs.filter((j) => !finished.has(j.status) || Date.parse(j.pickup_date) >= todayStart)
    .length;
}
