import type { DeployReport } from '../../../shared/deploy/deploy-api';
import { PathList } from './path-list';
import { PublicChecks } from './public-checks';

/** What a promote or rollback did: copies, removals, invalidations, and every public check. */
export function DeployReportView({ report }: { report: DeployReport }) {
  const failed = report.checks.filter((c) => !c.ok).length;
  return (
    <div className="report">
      <p className={report.ok ? 'state-ok' : 'error'} role={report.ok ? undefined : 'alert'}>
        {report.action === 'promote' ? 'Promote' : 'Rollback'}{' '}
        {report.ok ? 'finished' : 'did not finish'}
        {report.releaseId ? ` · prod is release ${report.releaseId}` : ''}
        {failed > 0 ? ` · ${failed} public check${failed === 1 ? '' : 's'} failed` : ''}
      </p>
      <PathList title="Copied" paths={report.copied} />
      <PathList title="Removed" paths={report.pruned} />
      <h4>Invalidations</h4>
      {report.invalidations.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain">
          {report.invalidations.map((inv) => (
            <li key={`${inv.distributionId}/${inv.id}`}>
              <code>{inv.id}</code> on <code>{inv.distributionId}</code>: {inv.status},{' '}
              {inv.paths.join(' ')}
            </li>
          ))}
        </ul>
      )}
      <h4>Checks through the public URL</h4>
      <PublicChecks checks={report.checks} />
      {report.warnings.length > 0 && (
        <>
          <h4>Warnings</h4>
          <ul className="warnings">
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
