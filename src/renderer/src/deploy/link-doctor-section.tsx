import type { LinkFix, LinkLayer } from '../../../shared/deploy/deploy-api';
import { useDeployStore, selectChanging } from './deploy-store';
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
 * Deploy sheet the dispatcher types a job id; in a job's panel (`forJobId`) it is that job's.
 */
export function LinkDoctorSection({ forJobId }: { forJobId?: string } = {}) {
  const typedJobId = useDeployStore((s) => s.doctorJobId);
  const jobId = forJobId ?? typedJobId;
  const anyReport = useDeployStore((s) => s.doctor);
  const report = anyReport && (!forJobId || anyReport.jobId === forJobId) ? anyReport : null;
  const running = useDeployStore((s) => Boolean(s.busy.doctor));
  const fixing = useDeployStore((s) => Boolean(s.busy.fix));
  const changing = useDeployStore(selectChanging);
  const setJobId = useDeployStore((s) => s.setDoctorJobId);
  const run = useDeployStore((s) => s.runDoctor);
  const applyFix = useDeployStore((s) => s.applyFix);
  const titleId = forJobId ? 'job-doctor-title' : 'doctor-title';

  return (
    <section className="deploy-section" aria-labelledby={titleId}>
      <h3 id={titleId}>Link doctor</h3>
      <form
        className="doctor-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (forJobId) setJobId(forJobId);
          void run();
        }}
      >
        {!forJobId && (
          <label>
            Job id
            <input
              value={jobId}
              onChange={(e) => setJobId(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              placeholder="fcdc1c82cb284dbe"
            />
          </label>
        )}
        <button type="submit" disabled={running || !jobId.trim()}>
          {running ? 'Checking…' : 'Check the link'}
        </button>
      </form>
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
