import type { DeployReport, PromotePlan } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { DeployContext } from './deploy-context';
import { finishRelease } from './finish-release';
import { keepBeforeReplacing } from './kept-copies';
import { copyAssetsThenPages } from './ordered-copy';
import { planPromote } from './promote-plan';
import { recordedRun } from './recorded-run';
import { buildIdOf, listSiteFiles } from './site-files';

export interface PromoteRequest {
  /** The plan the dispatcher confirmed; omitted by callers that promote whatever is staged. */
  planId?: string;
  invalidate: boolean;
  prune: boolean;
}

/** The plan a promote would carry out now. */
export async function currentPlan(ctx: DeployContext): Promise<PromotePlan> {
  const [staging, prod, buildId] = await Promise.all([
    listSiteFiles(ctx.staging),
    listSiteFiles(ctx.prod),
    buildIdOf(ctx.staging),
  ]);
  return planPromote(staging, prod, buildId);
}

/**
 * Staging → prod without rebuilding: server-side copies, every asset before any page, each
 * copy conditional on the staging ETag the plan saw; then prod is checked byte for byte
 * (ETag and size) against staging before the release is recorded, the CDN invalidated, and
 * the public URL checked.
 */
export function promote(ctx: DeployContext, request: PromoteRequest): Promise<DeployReport> {
  return recordedRun(
    ctx,
    'promote',
    async (run): Promise<DeployReport> => {
      run.progress.report('plan', 'running', 'Comparing staging with prod');
      const [staging, prod, buildId] = await Promise.all([
        listSiteFiles(ctx.staging),
        listSiteFiles(ctx.prod),
        buildIdOf(ctx.staging),
      ]);
      if (!staging.has('track.html') || !staging.has('book.html')) {
        throw new QdnError(
          'bad_request',
          'Staging holds no complete site (track.html and book.html): stage a build first.',
        );
      }
      const plan = planPromote(staging, prod, buildId);
      if (request.planId !== undefined && plan.id !== request.planId) {
        throw new QdnError(
          'conflict',
          'Staging or prod changed since the plan was made, so nothing was copied. Review the new plan and promote again.',
        );
      }
      run.progress.report(
        'plan',
        'done',
        `${plan.changed.length} changed, ${plan.added.length} added, ${plan.removed.length} only in prod`,
      );

      await keepBeforeReplacing(
        ctx,
        [...plan.changed, ...(request.prune ? plan.removed : [])].map((key) => prod.get(key)!),
        run.progress,
      );
      const versionIds = new Map<string, string | null>();
      const copied = await copyAssetsThenPages(
        [...plan.changed, ...plan.added],
        async (key) => {
          const result = await ctx.prod.copyFrom(ctx.staging, key, key, {
            ifSourceMatch: staging.get(key)!.etag,
          });
          if (!result) throw new Error(`${key} is no longer in staging`);
          versionIds.set(key, result.versionId);
        },
        run.progress,
        'copy',
      );

      run.progress.report('verify-objects', 'running', 'Comparing prod with staging');
      const after = await listSiteFiles(ctx.prod);
      const differing = copied.filter((key) => {
        const want = staging.get(key)!;
        const got = after.get(key);
        return got?.etag !== want.etag || got.size !== want.size;
      });
      if (differing.length > 0) {
        throw new QdnError(
          'conflict',
          `Prod does not match staging after the copy (${differing.join(', ')}): someone else is changing prod. No release was recorded; promote again.`,
        );
      }
      run.progress.report('verify-objects', 'done', `${copied.length} files identical to staging`);

      const pruned: string[] = [];
      if (request.prune) {
        // Pages first this time: a removed page must stop being served before its assets go.
        for (const key of [...plan.removed].sort(
          (a, b) => Number(b.endsWith('.html')) - Number(a.endsWith('.html')),
        )) {
          await ctx.prod.delete(key);
          after.delete(key);
          pruned.push(key);
        }
      }

      const warnings: string[] = [];
      const finished = await finishRelease(ctx, run, {
        prodFiles: after,
        staleKeys: [...plan.changed, ...pruned],
        buildId,
        versionIds,
        rolledBackTo: null,
        invalidate: request.invalidate,
        warnings,
      });
      return {
        runId: run.progress.runId,
        action: 'promote',
        ok: finished.publicOk,
        releaseId: finished.release.id,
        plan,
        copied,
        pruned,
        invalidations: finished.invalidations,
        checks: finished.checks,
        warnings,
      };
    },
    (report) => ({
      ok: report.ok,
      summary:
        `Promoted build ${report.plan.buildId ?? '(no id)'} as release ${report.releaseId}: ` +
        `${report.copied.length} copied, ${report.pruned.length} pruned` +
        (report.ok ? '' : '; the public URL does not serve it yet'),
      releaseId: report.releaseId,
      invalidations: report.invalidations,
    }),
  );
}
