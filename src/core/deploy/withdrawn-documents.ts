import { isStatusDocumentKey, statusDocumentKey } from '../../shared/site-keys';
import type { DeployContext } from './deploy-context';
import type { PlannedInvalidation } from './deploy-journal';
import { settleAll } from './settle-all';

/**
 * Deletes the status documents these invalidations cover whose token no job holds live any
 * more: a revoke or rotate (src/core/operations/link-change.ts) owes its old document before it
 * saves, so one stopped after its save, or whose withdrawal failed, leaves the document here
 * for whoever settles next. Deleted before the invalidation starts, as a page leaving prod is,
 * or the edge would fetch the old link's answer again. A token still live (a change that never
 * saved) keeps its document. Reads jobs.json only when such a document is owed.
 */
export async function withdrawUnheldDocuments(
  ctx: Pick<DeployContext, 'jobs' | 'prod'>,
  entries: readonly PlannedInvalidation[],
): Promise<string[]> {
  const keys = [
    ...new Set(entries.flatMap((e) => Object.keys(e.keys).filter(isStatusDocumentKey))),
  ];
  if (keys.length === 0) return [];
  const held = new Set(
    (await ctx.jobs.listJobs())
      .filter((job) => !job.token_revoked_at)
      .map((job) => statusDocumentKey(job.tracking_token)),
  );
  const unheld = keys.filter((key) => !held.has(key));
  await settleAll(unheld.map((key) => ctx.prod.delete(key)));
  return unheld;
}
