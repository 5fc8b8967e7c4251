import type { DeployReport, PromotePlan, SiteFile } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { DeployContext } from './deploy-context';
import type { JournalRead } from './deploy-journal';
import { applyProdChange, jobsForChecks } from './prod-change';
import { planPromote } from './promote-plan';
import { readJournal } from './read-journal';
import { recordedRun } from './recorded-run';
import type { Run } from './recorded-run';
import { settleJournal } from './settle-journal';
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
 * copy conditional on the staging ETag the plan saw and checked against it; the release
 * recorded, everything owed invalidated, the public URL checked. The journal holds the intent
 * from before the first copy, so a promote stopped anywhere is finished by the next command.
 */
export function promote(ctx: DeployContext, request: PromoteRequest): Promise<DeployReport> {
  return recordedRun(
    ctx,
    'promote',
    async (run): Promise<DeployReport> => {
      const jobs = jobsForChecks(ctx);
      run.progress.report('plan', 'running', 'Comparing staging with prod');
      const [staging, listedProd, buildId, journal] = await Promise.all([
        listSiteFiles(ctx.staging),
        listSiteFiles(ctx.prod),
        buildIdOf(ctx.staging),
        readJournal(ctx),
      ]);
      if (journal.state.staging) {
        const s = journal.state.staging;
        throw new QdnError(
          'conflict',
          `Staging is half-uploaded: the stage ${s.run_id} of build ${s.build_id ?? '(no id)'} did not finish. Run \`qdn deploy stage\` again, then promote.`,
        );
      }
      if (!staging.has('track.html') || !staging.has('book.html')) {
        throw new QdnError(
          'bad_request',
          'Staging holds no complete site (track.html and book.html): stage a build first.',
        );
      }
      const { read, prod, notes } = await finishUnfinished(ctx, run, journal, listedProd);
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

      const removing = request.prune ? plan.removed : [];
      const files = new Map<string, SiteFile>(staging);
      for (const key of plan.removed) if (!request.prune) files.set(key, prod.get(key)!);
      const warnings = [...notes];
      const applied = await applyProdChange(
        ctx,
        run,
        read,
        prod,
        {
          action: 'promote',
          copies: [...plan.changed, ...plan.added].map((key) => ({
            key,
            etag: staging.get(key)!.etag,
            size: staging.get(key)!.size,
            from: { store: 'staging' as const },
          })),
          removing,
          files,
          buildId,
          rolledBackTo: null,
          invalidate: request.invalidate,
        },
        warnings,
        jobs,
      );
      return {
        runId: run.progress.runId,
        action: 'promote',
        ok: applied.publicOk,
        releaseId: applied.release?.id ?? null,
        plan,
        copied: applied.copied,
        pruned: removing,
        invalidations: applied.invalidations,
        checks: applied.checks,
        warnings,
      };
    },
    (report) => ({
      ok: report.ok,
      summary:
        `Promoted build ${report.plan.buildId ?? '(no id)'} as release ${report.releaseId ?? '(none)'}: ` +
        `${report.copied.length} copied, ${report.pruned.length} pruned` +
        (report.ok ? '' : '; the public URL does not serve it yet'),
      releaseId: report.releaseId,
      invalidations: report.invalidations,
    }),
  );
}

/**
 * A promote or rollback that stopped midway is finished before a new one plans: the new plan
 * then starts from the prod that one left. One still running elsewhere stops this one.
 */
export async function finishUnfinished(
  ctx: DeployContext,
  run: Run,
  journal: JournalRead,
  prod: Map<string, SiteFile>,
): Promise<{ read: JournalRead; prod: Map<string, SiteFile>; notes: string[] }> {
  if (!journal.state.intent) return { read: journal, prod, notes: [] };
  const settled = await settleJournal(ctx, journal, prod, run.progress, {
    wait: false,
    invalidateOwed: false,
    runId: run.progress.runId,
  });
  if (settled.underWay) {
    const u = settled.underWay;
    throw new QdnError(
      'conflict',
      `A ${u.action} by ${u.by} is under way (started ${u.at}); nothing was changed. Try again once it ends.`,
    );
  }
  return { read: settled.read, prod: settled.prodFiles, notes: settled.notes };
}
