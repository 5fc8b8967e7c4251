import type { DeployReport, SiteFile } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { DeployContext } from './deploy-context';
import { finishRelease } from './finish-release';
import { keepBeforeReplacing } from './kept-copies';
import { copyAssetsThenPages } from './ordered-copy';
import { planPromote } from './promote-plan';
import { recordedRun } from './recorded-run';
import { KEPT_COPIES_PREFIX, keptCopyKey, Releases } from './releases';
import { listSiteFiles } from './site-files';

/**
 * Puts prod back to an earlier release: each file that differs comes back from its S3 version
 * where one was recorded, else from the copy the pipeline kept; assets before pages, then the
 * same checks, release record, invalidation and public verification as a promote. Everything
 * the restore needs is checked to exist before prod is touched.
 */
export function rollback(
  ctx: DeployContext,
  releaseId: string,
  options: { invalidate: boolean } = { invalidate: true },
): Promise<DeployReport> {
  return recordedRun(
    ctx,
    'rollback',
    async (run): Promise<DeployReport> => {
      const releases = new Releases(ctx.data);
      const target = await releases.get(releaseId);
      const prod = await listSiteFiles(ctx.prod);
      const wanted = new Map<string, SiteFile>(
        Object.entries(target.files).map(([key, f]) => [key, { key, etag: f.etag, size: f.size }]),
      );
      const plan = planPromote(wanted, prod, target.build_id);
      const toRestore = [...plan.changed, ...plan.added];

      const kept = new Set((await ctx.data.list(KEPT_COPIES_PREFIX)).map((m) => m.key));
      const lacking = toRestore.filter(
        (key) => !target.files[key]!.version_id && !kept.has(keptCopyKey(target.files[key]!.etag)),
      );
      if (lacking.length > 0) {
        throw new QdnError(
          'not_found',
          `Release ${releaseId} cannot be restored: no copy of ${lacking.join(', ')} was kept. Prod was not changed.`,
        );
      }

      await keepBeforeReplacing(
        ctx,
        plan.changed.map((key) => prod.get(key)!),
        run.progress,
      );
      const versionIds = new Map<string, string | null>();
      const copied = await copyAssetsThenPages(
        toRestore,
        async (key) => {
          const file = target.files[key]!;
          const fromVersion = file.version_id
            ? await ctx.prod.copyFrom(ctx.prod, key, key, { sourceVersionId: file.version_id })
            : null;
          const result =
            fromVersion ??
            (await ctx.prod.copyFrom(ctx.data, keptCopyKey(file.etag), key, {
              ifSourceMatch: file.etag,
            }));
          if (!result) throw new Error(`no version or kept copy of ${key} could be read`);
          versionIds.set(key, result.versionId);
        },
        run.progress,
        'restore',
      );

      const after = await listSiteFiles(ctx.prod);
      const differing = toRestore.filter((key) => after.get(key)?.etag !== target.files[key]!.etag);
      if (differing.length > 0) {
        throw new QdnError(
          'conflict',
          `Prod does not match release ${releaseId} after the restore (${differing.join(', ')}). Roll back again.`,
        );
      }
      // Files the old release did not have stay, as after a promote without --prune.
      const warnings: string[] = [];
      const finished = await finishRelease(ctx, run, {
        prodFiles: after,
        staleKeys: plan.changed,
        buildId: target.build_id,
        versionIds,
        rolledBackTo: target.id,
        invalidate: options.invalidate,
        warnings,
      });
      return {
        runId: run.progress.runId,
        action: 'rollback',
        ok: finished.publicOk,
        releaseId: finished.release.id,
        plan,
        copied,
        pruned: [],
        invalidations: finished.invalidations,
        checks: finished.checks,
        warnings,
      };
    },
    (report) => ({
      ok: report.ok,
      summary: `Rolled back to ${releaseId} (build ${report.plan.buildId ?? 'unknown'}) as release ${report.releaseId}: ${report.copied.length} files restored`,
      releaseId: report.releaseId,
      invalidations: report.invalidations,
    }),
  );
}
