import { statusInWords } from '../../../shared/deploy/status-in-words';
import { useSettings } from '../settings/use-settings';
import { useDeployStore, selectChanging } from './deploy-store';
import { formatWhen } from './format-when';
import { TaskError } from './task-error';

const shortId = (id: string | null) => id ?? '—';

/** Staging against prod at a glance, and the Stage button that fills staging. */
export function DeployStatusView() {
  const status = useDeployStore((s) => s.status);
  const loading = useDeployStore((s) => Boolean(s.busy.status));
  const staging = useDeployStore((s) => Boolean(s.busy.stage));
  const changing = useDeployStore(selectChanging);
  const stageResult = useDeployStore((s) => s.stageResult);
  const loadStatus = useDeployStore((s) => s.loadStatus);
  const stage = useDeployStore((s) => s.stage);
  const timeZone = useSettings().business.time_zone;
  const lines = status ? statusInWords(status, (iso) => formatWhen(iso, timeZone)) : [];

  return (
    <section className="deploy-section" aria-labelledby="deploy-status-title">
      <div className="section-head">
        <h3 id="deploy-status-title">Staging and prod</h3>
        <button
          type="button"
          className="secondary"
          disabled={loading}
          onClick={() => void loadStatus()}
        >
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      <TaskError task="status" />
      {status && (
        <>
          <ul className={`status-words ${status.prodCurrent ? 'state-ok' : 'state-pending'}`}>
            {lines.map((line, i) => (
              <li key={i}>{line.say}</li>
            ))}
          </ul>
          {lines.some((line) => line.detail) && (
            <details className="status-details">
              <summary>Details</summary>
              <ul className="plain">
                {lines.map((line, i) => line.detail && <li key={i}>{line.detail}</li>)}
              </ul>
            </details>
          )}
          <dl className="status-grid">
            <dt>Built here</dt>
            <dd>
              <code>{shortId(status.built.buildId)}</code>
            </dd>
            <dt>Staging</dt>
            <dd>
              <code>{shortId(status.staging.buildId)}</code> · {status.staging.files} files
            </dd>
            <dt>Prod</dt>
            <dd>
              <code>{shortId(status.prod.buildId)}</code> · {status.prod.files} files · release{' '}
              <code>{shortId(status.prod.releaseId)}</code>
            </dd>
            <dt>Last deploy</dt>
            <dd>
              {status.lastDeploy ? (
                <>
                  {status.lastDeploy.action} by {status.lastDeploy.by},{' '}
                  <time dateTime={status.lastDeploy.at}>
                    {formatWhen(status.lastDeploy.at, timeZone)}
                  </time>
                  {status.lastDeploy.ok ? '' : ' (failed)'}
                </>
              ) : (
                'none yet'
              )}
            </dd>
            <dt>Invalidations</dt>
            <dd>
              {status.pendingInvalidations.length === 0
                ? 'none pending'
                : status.pendingInvalidations
                    .map((i) => `${i.id} on ${i.distributionId} (${i.paths.length} paths)`)
                    .join('; ') + ' — in progress'}
            </dd>
          </dl>
        </>
      )}
      <div className="actions">
        <button type="button" disabled={changing} onClick={() => void stage()}>
          {staging ? 'Staging…' : 'Stage'}
        </button>
        <span className="hint">Uploads the site built on this machine to staging.</span>
      </div>
      <TaskError task="stage" />
      {stageResult && (
        <p className="feedback">
          Staged build <code>{shortId(stageResult.buildId)}</code>: {stageResult.uploaded.length}{' '}
          uploaded, {stageResult.unchanged.length} unchanged.
        </p>
      )}
    </section>
  );
}
