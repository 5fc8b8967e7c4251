import type { DeployContext } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { Releases } from './releases';
import type { Release } from './releases';

/**
 * The keys a release changed, when no run ever finished invalidating them — the invalidation
 * failed, was skipped (--no-invalidate), or the dispatcher's laptop went to sleep. Re-running
 * the promote then invalidates them, so a re-run converges on fresh pages at the edge too.
 */
export async function unfinishedInvalidation(
  ctx: DeployContext,
  release: Release,
): Promise<string[]> {
  const history = await new DeployHistory(ctx.data).list();
  const done = history.some(
    (h) =>
      h.releaseId === release.id &&
      h.invalidations.length > 0 &&
      h.invalidations.every((i) => i.status === 'Completed'),
  );
  if (done) return [];
  const releases = new Releases(ctx.data);
  const ids = await releases.ids();
  const before = ids[ids.indexOf(release.id) + 1];
  if (!before) return []; // the first release: nothing was cached before it
  const previous = await releases.get(before);
  // Changed or removed since the release before: what the edge may still hold.
  return Object.keys(previous.files).filter(
    (key) => release.files[key]?.etag !== previous.files[key]!.etag,
  );
}
