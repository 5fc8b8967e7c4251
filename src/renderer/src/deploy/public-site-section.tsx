import { selectChanging, useDeployStore } from './deploy-store';
import { PublicChecks } from './public-checks';
import { TaskError } from './task-error';

/** The CDN in front of prod: invalidate every page now, and check what phones are served. */
export function PublicSiteSection() {
  const invalidations = useDeployStore((s) => s.invalidations);
  const checks = useDeployStore((s) => s.checks);
  const invalidating = useDeployStore((s) => Boolean(s.busy.invalidate));
  const verifying = useDeployStore((s) => Boolean(s.busy.verify));
  const changing = useDeployStore(selectChanging);
  const invalidateAll = useDeployStore((s) => s.invalidateAll);
  const verify = useDeployStore((s) => s.verify);

  return (
    <section className="deploy-section" aria-labelledby="public-site-title">
      <h3 id="public-site-title">Public site</h3>
      <div className="actions">
        <button type="button" disabled={changing} onClick={() => void invalidateAll()}>
          {invalidating ? 'Invalidating…' : 'Invalidate every page'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={verifying}
          onClick={() => void verify()}
        >
          {verifying ? 'Checking…' : 'Check the public site'}
        </button>
      </div>
      <TaskError task="invalidate" />
      {invalidations && (
        <p className="feedback">
          {invalidations.length === 0
            ? 'No distribution is configured: nothing to invalidate.'
            : invalidations.map((i) => `${i.id} on ${i.distributionId}: ${i.status}`).join('; ')}
        </p>
      )}
      <TaskError task="verify" />
      {checks && <PublicChecks checks={checks} />}
    </section>
  );
}
