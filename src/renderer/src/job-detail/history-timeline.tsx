import type { Job } from '../../../shared/job';
import { describeHistory } from './history-text';

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));

/** Who did what, when, and why: the job's history, newest first. */
export function HistoryTimeline({ job, timeZone }: { job: Job; timeZone: string }) {
  const lines = describeHistory(job.history, timeZone, job.currency);
  return (
    <section className="panel-section" aria-labelledby="job-history-title">
      <h3 id="job-history-title">History</h3>
      {lines.length === 0 ? (
        <p className="none">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {lines.map((line, i) => (
            <li key={`${line.at}-${i}`}>
              <time dateTime={line.at}>{when(line.at, timeZone)}</time>{' '}
              <span className="what">{line.what}</span>
              {line.by && <span className="by"> · {line.by}</span>}
              {line.reason && <q className="reason">{line.reason}</q>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
