import { useDeployStore, selectChanging } from './deploy-store';
import { PathList } from './path-list';
import { TaskError } from './task-error';

/** Promote staging to prod: ask for the plan, read it, confirm it once. */
export function PromoteSection() {
  const plan = useDeployStore((s) => s.plan);
  const invalidate = useDeployStore((s) => s.invalidate);
  const prune = useDeployStore((s) => s.prune);
  const planning = useDeployStore((s) => Boolean(s.busy.plan));
  const promoting = useDeployStore((s) => Boolean(s.busy.promote));
  const changing = useDeployStore(selectChanging);
  const planPromote = useDeployStore((s) => s.planPromote);
  const setOption = useDeployStore((s) => s.setPromoteOption);
  const dropPlan = useDeployStore((s) => s.dropPlan);
  const promote = useDeployStore((s) => s.promote);

  const copies = plan ? plan.changed.length + plan.added.length : 0;

  return (
    <section className="deploy-section" aria-labelledby="promote-title">
      <div className="section-head">
        <h3 id="promote-title">Promote to prod</h3>
        <button
          type="button"
          className={plan ? 'secondary' : undefined}
          disabled={planning || changing}
          onClick={() => void planPromote()}
        >
          {planning ? 'Planning…' : plan ? 'Plan again' : 'Promote to prod…'}
        </button>
      </div>
      <TaskError task="plan" />
      {plan && (
        <div className="plan">
          <p>
            Build <code>{plan.buildId ?? '—'}</code>: {filesWord(copies)} to copy,{' '}
            {plan.removed.length} no longer in staging, {plan.unchanged.length} unchanged.
          </p>
          <PathList title="Changed" paths={plan.changed} />
          <PathList title="Added" paths={plan.added} />
          <PathList title="No longer in staging" paths={plan.removed} />
          <PathList title="Unchanged" paths={plan.unchanged} />
          <PathList title="Invalidation paths" paths={plan.invalidationPaths} />
          <label className="check">
            <input
              type="checkbox"
              checked={prune}
              disabled={plan.removed.length === 0}
              onChange={(e) => setOption('prune', e.target.checked)}
            />
            Remove files no longer in staging
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={invalidate}
              onChange={(e) => setOption('invalidate', e.target.checked)}
            />
            Invalidate the CDN
          </label>
          {!invalidate && (
            <p className="state-pending">
              Without an invalidation, customers may see the old pages until the CDN’s cache
              expires.
            </p>
          )}
          <div className="actions">
            <button type="button" disabled={changing} onClick={() => void promote()}>
              {promoting ? 'Promoting…' : `Promote ${filesWord(copies)} to prod`}
            </button>
            <button type="button" className="secondary" disabled={promoting} onClick={dropPlan}>
              Not now
            </button>
          </div>
        </div>
      )}
      <TaskError task="promote" />
    </section>
  );
}

const filesWord = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
