import type { InvalidationReport } from '../../shared/deploy/deploy-api';
import type { Cdn } from '../cdn/cdn';
import type { DeployContext, RunProgress } from './deploy-context';

/**
 * Polls until every invalidation completes or the wait runs out. Running out is not a failure:
 * the invalidations go on, their ids are in the history, and `deploy status` shows them.
 */
export async function waitForInvalidations(
  cdns: readonly Cdn[],
  reports: InvalidationReport[],
  wait: DeployContext['invalidationWait'],
  progress: RunProgress,
): Promise<InvalidationReport[]> {
  const deadline = Date.now() + wait.timeoutMs;
  let current = reports;
  for (;;) {
    current = await refreshInvalidations(cdns, current);
    const done = current.filter((r) => r.status === 'Completed').length;
    progress.report(
      'invalidate',
      done === current.length ? 'done' : 'running',
      'Waiting for the CDN',
      {
        done,
        total: current.length,
      },
    );
    if (done === current.length || Date.now() >= deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, wait.pollMs));
  }
}

export async function refreshInvalidations(
  cdns: readonly Cdn[],
  reports: readonly InvalidationReport[],
): Promise<InvalidationReport[]> {
  return Promise.all(
    reports.map(async (report) => {
      if (report.status === 'Completed') return report;
      const cdn = cdns.find((c) => c.distributionId === report.distributionId);
      if (!cdn) return report; // a distribution no longer configured: its last word stands
      const state = await cdn.invalidationStatus(report.id);
      return { ...report, status: state.status };
    }),
  );
}
