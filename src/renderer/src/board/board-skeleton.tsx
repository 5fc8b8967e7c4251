import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';

/** The board's shape while the jobs are read: the columns at once, grey cards in them. */
export function BoardSkeleton() {
  return (
    <section className="board skeleton" aria-label="Jobs by status" aria-busy="true">
      <p className="visually-hidden">Loading jobs…</p>
      {JOB_STATUSES.map((status, i) => (
        <section key={status} className="column" aria-hidden="true">
          <header className="column-header">
            <h2>{STATUS_LABELS[status]}</h2>
          </header>
          <div className="column-scroll">
            {Array.from({ length: Math.max(1, 3 - (i % 3)) }, (_, n) => (
              <div key={n} className="job-card skeleton-card">
                <span className="skeleton-line wide" />
                <span className="skeleton-line" />
                <span className="skeleton-line short" />
              </div>
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
