import { useState } from 'react';
import type { LinkFix, LinkLayer } from '../../../shared/deploy/deploy-api';
import type { Job } from '../../../shared/job';
import { formatPickup } from '../../../shared/format';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { useBoardStore } from '../stores/board-store';
import { useSettings } from '../settings/use-settings';
import { useDeployStore, selectChanging } from './deploy-store';
import { readDoctorQuery } from './doctor-job-match';
import { TaskError } from './task-error';

const LAYER_NAMES: Record<LinkLayer, string> = {
  token: 'Tracking token',
  status_document: 'Status document on prod',
  edge_rewrite: 'Edge rewrite',
  page: 'Track page of the release',
  token_reading: 'Page reads the token',
};

const FIX_NAMES: Record<LinkFix, string> = {
  republish_document: 'Republish the status document',
  invalidate: 'Invalidate the CDN',
  promote: 'Promote staging to prod',
  publish_function: 'Publish the edge function',
};

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
        <>
          <p className={report.fault ? 'error' : 'state-ok'}>
            {report.fault
              ? `The link breaks at: ${LAYER_NAMES[report.fault]}.`
              : 'The link works end to end.'}
            {report.trackingUrl && (
              <>
                {' '}
                <code className="url">{report.trackingUrl}</code>
              </>
            )}
          </p>
          <ol className="layers">
            {report.layers.map((layer) => (
              <li
                key={layer.layer}
                className={`layer ${layer.ok ? 'check-ok' : 'check-failed'}${report.fault === layer.layer ? ' at-fault' : ''}`}
                aria-current={report.fault === layer.layer ? 'step' : undefined}
              >
                <span aria-hidden="true">{layer.ok ? '✓' : '✗'}</span>{' '}
                <strong>{LAYER_NAMES[layer.layer]}</strong> {layer.ok ? 'ok' : 'at fault'} ·{' '}
                {layer.detail}
                {!layer.ok && layer.fix && (
                  <button
                    type="button"
                    disabled={changing}
                    onClick={() => void applyFix(layer.fix!)}
                  >
                    {fixing ? 'Fixing…' : FIX_NAMES[layer.fix]}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </>
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
