import pLimit from 'p-limit';
import type { SiteFile } from '../../shared/deploy/deploy-api';
import type { DeployContext, RunProgress } from './deploy-context';
import { COPY_CONCURRENCY } from './ordered-copy';
import { settleAll } from './settle-all';
import { keptCopyKey } from './releases';

/**
 * Before prod content is overwritten or removed, a copy of it goes to the data bucket under
 * its ETag, so the release that held it can come back without S3 versioning. Content is kept
 * only when it is about to be lost; the copy is named by its content, so copying it again is
 * harmless, and cheaper than listing every kept copy first (one round trip, not two).
 */
export async function keepBeforeReplacing(
  ctx: DeployContext,
  files: readonly SiteFile[],
  progress: RunProgress,
): Promise<void> {
  if (files.length === 0) return;
  const limit = pLimit(COPY_CONCURRENCY);
  await settleAll(
    files.map((f) =>
      limit(async () => {
        const copied = await ctx.data.copyFrom(ctx.prod, f.key, keptCopyKey(f.etag), {
          ifSourceMatch: f.etag,
        });
        if (!copied) throw new Error(`${f.key} disappeared from prod while it was being kept`);
      }),
    ),
  );
  progress.report('keep', 'done', `Kept ${files.length} replaced files for rollback`);
}
