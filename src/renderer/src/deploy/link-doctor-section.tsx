import { useState } from 'react';
import type { Job } from '../../../shared/job';
import { formatPickup } from '../../../shared/format';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useSettings } from '../settings/use-settings';
import { useDeployStore, selectChanging } from './deploy-store';
import { readDoctorQuery } from '../../../shared/jobs/doctor-job-match';
import { LinkDoctorReportView } from './link-doctor-report';
import { TaskError } from './task-error';

/**
 * For one job: each layer a customer's link crosses, the one at fault, and its fix. In the
 * Deploy sheet the dispatcher finds the job by its customer's name or phone among the board's
 * jobs (or pastes its id); in a job's panel (`forJobId`) it is that job's.
 */
export function LinkDoctorSection({ forJobId }: { forJobId?: string } = {}) {
  const typedJobId = useDeployStore((s) => s.doctorJobId);
  const anyReport = useDeployStore((s) => s.doctor);
  const report = anyReport && (!forJobId || anyReport.jobId === forJobId) ? anyReport : null;
  const running = useDeployStore((s) => Boolean(s.busy.doctor));
  const fixing = useDeployStore((s) => Boolean(s.busy.fix));
  const changing = useDeployStore(selectChanging);
  const setJobId = useDeployStore((s) => s.setDoctorJobId);
  const run = useDeployStore((s) => s.runDoctor);
  const applyFix = useDeployStore((s) => s.applyFix);
  const titleId = forJobId ? 'job-doctor-title' : 'doctor-title';
  const jobs = useBoardStore((s) => s.jobs);
  const timeZone = useSettings().business.time_zone;
  // What the dispatcher typed; a job opened from its card shows its customer's name.
  const [typed, setTyped] = useState(
    () => jobs.find((j) => j.job_id === typedJobId)?.customer_name ?? typedJobId,
  );
  const query = readDoctorQuery(jobs, typed);
  const only =
    query.kind === 'id'
      ? query.jobId
      : query.kind === 'words' && query.matches.length === 1
        ? query.matches[0]!.job_id
        : null;
  const check = (id: string) => {
    setJobId(id);
    void run();
  };

  return (
    <section className="deploy-section" aria-labelledby={titleId}>
      <h3 id={titleId}>Link doctor</h3>
      <form
        className="doctor-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (forJobId) check(forJobId);
          else if (only) check(only);
        }}
      >
        {!forJobId && (
          <label>
            Job
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              placeholder="Customer’s name, phone, or job id"
              aria-describedby="doctor-found"
            />
          </label>
        )}
        <button type="submit" disabled={running || (!forJobId && !only)}>
          {running ? 'Checking…' : 'Check the link'}
        </button>
      </form>
      {!forJobId && query.kind === 'words' && (
        <div id="doctor-found" className="doctor-found">
          {query.matches.length === 0 ? (
            <p className="muted">
              No job on the board is for “{typed.trim()}”. Type a customer’s name or phone, or paste
              a job id.
            </p>
          ) : (
            <ul className="plain" aria-label="Jobs found">
              {query.matches.map((job) => (
                <li key={job.job_id}>
                  <button
                    type="button"
                    className="secondary"
                    disabled={running}
                    aria-current={report?.jobId === job.job_id ? 'true' : undefined}
                    onClick={() => check(job.job_id)}
                  >
                    Check {job.customer_name}’s link
                  </button>{' '}
                  <span className="muted">{jobLine(job, timeZone)}</span>
                </li>
              ))}
              {query.more > 0 && (
                <li className="muted">…and {query.more} more: type more of the name.</li>
              )}
            </ul>
          )}
        </div>
      )}
      <TaskError task="doctor" />
      {report && (
        <LinkDoctorReportView
          report={report}
          customerName={jobs.find((j) => j.job_id === report.jobId)?.customer_name ?? null}
          busy={changing}
          fixing={fixing}
          onFix={(fix) => void applyFix(fix)}
        />
      )}
      <TaskError task="fix" />
    </section>
  );
}

/** Which job a found line is, told apart from a namesake: phone, status, pickup. */
function jobLine(job: Job, timeZone: string): string {
  return [job.phone, STATUS_LABELS[job.status], formatPickup(job.pickup_date, undefined, timeZone)]
    .filter(Boolean)
    .join(' · ');
}
