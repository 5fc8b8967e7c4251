import { JOB_STATUSES, STATUS_LABELS } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useJobsFileStore } from '../stores/jobs-file-store';
import { JobCard } from './job-card';
import { RestoreJobsFile } from './restore-jobs-file';
import { NewRequestsBadge } from '../inbox/inbox-toast';

/** Jobs in columns by status, in the order a job moves through them. */
export function Board() {
  const loaded = useBoardStore((s) => s.loaded);
  const loadError = useBoardStore((s) => s.loadError);
  const loadErrorCode = useBoardStore((s) => s.loadErrorCode);
  const restoreWarning = useJobsFileStore((s) => s.warning);
  const refreshError = useBoardStore((s) => s.refreshError);
  const loadedAt = useBoardStore((s) => s.loadedAt);
  const reload = useBoardStore((s) => s.load);

  if (loadError) {
    return (
      <section className="board-problem" role="alert">
        <h2>The jobs could not be loaded</h2>
        <p>{loadError}</p>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
        {loadErrorCode === 'jobs_file_invalid' && <RestoreJobsFile />}
      </section>
    );
  }
  if (!loaded) return <p aria-busy="true">Loading jobs…</p>;

  return (
    <>
      {restoreWarning && (
        <p className="error" role="alert">
          {restoreWarning}
        </p>
      )}
      {refreshError && (
        <section className="board-stale" role="status">
          <p>
            Could not refresh the board; it shows the jobs as of{' '}
            {loadedAt?.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}.{' '}
            {refreshError}
          </p>
          <button type="button" className="secondary" onClick={() => void reload()}>
            Try again
          </button>
        </section>
      )}
      <BoardColumns />
    </>
  );
}

function BoardColumns() {
  const jobs = useBoardStore((s) => s.jobs);
  return (
    <section className="board" aria-label="Jobs by status">
      {JOB_STATUSES.map((status) => {
        const column = jobs
          .filter((j) => j.status === status)
          .sort((a, b) => Date.parse(a.pickup_date) - Date.parse(b.pickup_date));
        return (
          <section
            key={status}
            className="column"
            aria-labelledby={`column-${status}`}
            data-status={status}
          >
            <h2 id={`column-${status}`}>
              {STATUS_LABELS[status]} <span className="count">{column.length}</span>
              {status === 'requested' && <NewRequestsBadge />}
            </h2>
            <ul>
              {column.map((job) => (
                <li key={job.job_id}>
                  <JobCard job={job} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
