import type { Job } from '../../../shared/job';

/** One assignee's day: their jobs in pickup order. `name` null: not assigned yet. */
export interface CrewDay {
  name: string | null;
  jobs: Job[];
}

/** Today's jobs per assignee in pickup order, the unassigned last; canceled ones left out. */
export function crewDays(jobs: readonly Job[], includeCanceled = false): CrewDay[] {
  const byName = new Map<string | null, Job[]>();
  for (const job of jobs) {
    if (job.status === 'canceled' && !includeCanceled) continue;
    const name = job.assigned_to || null;
    let list = byName.get(name);
    if (!list) byName.set(name, (list = []));
    list.push(job);
  }
  const days = [...byName.entries()].map(([name, list]) => ({
    name,
    jobs: list.sort((a, b) => Date.parse(a.pickup_date) - Date.parse(b.pickup_date)),
  }));
  return days.sort((a, b) =>
    a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name),
  );
}
