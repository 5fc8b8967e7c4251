import { useState } from 'react';
import { useDeployStore, selectChanging } from './deploy-store';
import { DiffView } from './diff-view';
import { EdgeTests } from './edge-tests';
import { TaskError } from './task-error';

const stageLine = (stage: { etag: string; matchesLocal: boolean } | null) =>
  stage
    ? `ETag ${stage.etag} · ${stage.matchesLocal ? 'matches local code' : 'differs from local code'}`
    : 'missing';

/** The edge rewrite function: what each stage runs, how it differs from ours, and Publish. */
export function EdgeFunctionSection() {
  const edge = useDeployStore((s) => s.edge);
  const inspecting = useDeployStore((s) => Boolean(s.busy.edge));
  const publishing = useDeployStore((s) => Boolean(s.busy.publish));
  const changing = useDeployStore(selectChanging);
  const inspect = useDeployStore((s) => s.inspectEdge);
  const publish = useDeployStore((s) => s.publishEdge);
  const [associate, setAssociate] = useState(true);

  const unassociated = edge?.associations.filter((a) => !a.associated) ?? [];
  const liveCurrent = edge?.live?.matchesLocal === true;

  return (
    <section className="deploy-section" aria-labelledby="edge-title">
      <div className="section-head">
        <h3 id="edge-title">Edge function</h3>
        <button
          type="button"
          className="secondary"
          disabled={inspecting}
          onClick={() => void inspect()}
        >
          {inspecting ? 'Inspecting…' : edge ? 'Inspect again' : 'Inspect'}
        </button>
      </div>
      <TaskError task="edge" />
      {edge && (
        <>
          <p className={liveCurrent && unassociated.length === 0 ? 'state-ok' : 'state-pending'}>
            <code>{edge.name}</code>: LIVE{' '}
            {liveCurrent ? 'runs the local code' : 'does not run the local code'}.
          </p>
          <p className="muted">{edge.message}</p>
          <dl className="status-grid">
            <dt>DEVELOPMENT</dt>
            <dd>{stageLine(edge.development)}</dd>
            <dt>LIVE</dt>
            <dd>{stageLine(edge.live)}</dd>
            <dt>Distributions</dt>
            <dd>
              {edge.associations.length === 0
                ? 'none configured'
                : edge.associations
                    .map(
                      (a) =>
                        `${a.distributionId} ${a.associated ? 'associated' : 'NOT associated'}`,
                    )
                    .join(' · ')}
            </dd>
          </dl>
          {edge.diff ? (
            <DiffView diff={edge.diff} label="Changes from LIVE to the local code" />
          ) : (
            <p className="muted">No difference between LIVE and the local code.</p>
          )}
          {edge.tests.length > 0 && <EdgeTests tests={edge.tests} />}
          {unassociated.length > 0 && (
            <label className="check">
              <input
                type="checkbox"
                checked={associate}
                onChange={(e) => setAssociate(e.target.checked)}
              />
              Add the association to {unassociated.map((a) => a.distributionId).join(', ')}
            </label>
          )}
          <div className="actions">
            <button
              type="button"
              disabled={changing}
              onClick={() => void publish(unassociated.length > 0 && associate)}
            >
              {publishing ? 'Publishing…' : 'Publish to LIVE'}
            </button>
          </div>
        </>
      )}
      <TaskError task="publish" />
    </section>
  );
}
