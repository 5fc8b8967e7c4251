import pLimit from 'p-limit';
import type { SiteFile } from '../../shared/deploy/deploy-api';
import type { DeployContext, RunProgress } from './deploy-context';
import { COPY_CONCURRENCY } from './ordered-copy';
import { settleAll } from './settle-all';
import { KEPT_COPIES_PREFIX, keptCopyKey } from './releases';

/**
 * Before prod content is overwritten or removed, a copy of it goes to the data bucket under
 * its ETag, so the release that held it can come back without S3 versioning. Content is kept
 * only when it is about to be lost — a promote of new files copies nothing twice.
 */
export async function keepBeforeReplacing(
  ctx: DeployContext,
  files: readonly SiteFile[],
  progress: RunProgress,
): Promise<void> {
  if (files.length === 0) return;
  const kept = new Set((await ctx.data.list(KEPT_COPIES_PREFIX)).map((m) => m.key));
  const missing = files.filter((f) => !kept.has(keptCopyKey(f.etag)));
  const limit = pLimit(COPY_CONCURRENCY);
  await settleAll(
    missing.map((f) =>
      limit(async () => {
        const copied = await ctx.data.copyFrom(ctx.prod, f.key, keptCopyKey(f.etag), {
          ifSourceMatch: f.etag,
        });
        if (!copied) throw new Error(`${f.key} disappeared from prod while it was being kept`);
      }),
    ),
  );
  if (missing.length > 0) {
    progress.report('keep', 'done', `Kept ${missing.length} replaced files for rollback`);
  }
}
