import { useMemo } from 'react';
import { formatMoney } from '../../../shared/format';
import type { Job } from '../../../shared/job';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from './find-store';
import { filterJobs } from './filter-jobs';
import { useBusinessTimeZone } from './use-found-jobs';

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

/** The Day view: who goes where today, in order; a row opens the job. */
export function DayView() {
  const jobs = useBoardStore((s) => s.jobs);
  const selectedJobId = useBoardStore((s) => s.selectedJobId);
  const select = useBoardStore((s) => s.select);
  const query = useFindStore((s) => s.query);
  const status = useFindStore((s) => s.status);
  const assignee = useFindStore((s) => s.assignee);
  const timeZone = useBusinessTimeZone();
  const days = useMemo(
    () =>
      crewDays(
        filterJobs(jobs, { query, status, assignee, date: 'today' }, timeZone),
        status === 'canceled',
      ),
    [jobs, query, status, assignee, timeZone],
  );
  const time = new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' });
  const today = new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date());

  return (
    <section className="day-view" aria-labelledby="day-view-title">
      <h2 id="day-view-title">Today, {today}</h2>
      {days.length === 0 && <p className="muted">No pickups today.</p>}
      <div className="day-crews">
        {days.map((day) => (
          <section
            key={day.name ?? ''}
            className="day-crew"
            aria-label={day.name ?? 'Unassigned'}
            data-assignee={day.name ?? ''}
          >
            <h3>
              {day.name ?? 'Unassigned'}{' '}
              <span className="count">
                · {day.jobs.length} {day.jobs.length === 1 ? 'pickup' : 'pickups'}
              </span>
            </h3>
            <ol>
              {day.jobs.map((job) => (
                <li key={job.job_id}>
                  <button
                    type="button"
                    className="day-row"
                    aria-current={job.job_id === selectedJobId || undefined}
                    onClick={() => select(job.job_id)}
                  >
                    <time dateTime={job.pickup_date}>
                      {time.format(new Date(job.pickup_date))}
                      {job.pickup_window_end && `–${time.format(new Date(job.pickup_window_end))}`}
                    </time>
                    <span className="day-name">{job.customer_name}</span>
                    <span className="day-address">{job.address}</span>
                    <span className={`status-pill status-${job.status}`}>
                      {STATUS_LABELS[job.status]}
                    </span>
                    <span className="price">{formatMoney(job.price, job.currency)}</span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
