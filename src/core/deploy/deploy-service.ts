import type {
  DeployHistoryEntry,
  DeployStatus,
  EdgeFunctionReport,
  InvalidationReport,
  LinkDoctorReport,
  LinkFix,
  PromotePlan,
  PublicCheck,
  ReleaseSummary,
  StageResult,
} from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import { statusDocumentKey } from '../../shared/tracking-link';
import { readSiteFolder, SiteNotBuiltError } from '../site/site-folder';
import type { DeployContext } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { inspectEdgeFunction, publishEdgeFunction } from './edge-function-deploy';
import { checkPublicSite } from './finish-release';
import { refreshInvalidations, startInvalidations, waitForInvalidations } from './invalidate';
import { diagnoseLink } from './link-doctor';
import { currentPlan, promote } from './promote';
import type { PromoteRequest } from './promote';
import { recordedRun } from './recorded-run';
import { Releases } from './releases';
import { rollback } from './rollback';
import { buildIdOf, listSiteFiles } from './site-files';
import { stageSite } from './stage';

/** Every deploy action of DESIGN.md §5 over one workspace: the console's and `qdn deploy`'s. */
export class DeployService {
  private readonly releases: Releases;
  private readonly history: DeployHistory;

  constructor(private readonly ctx: DeployContext) {
    this.releases = new Releases(ctx.data);
    this.history = new DeployHistory(ctx.data);
  }

  async status(): Promise<DeployStatus> {
    const ctx = this.ctx;
    const built = await readSiteFolder(ctx.siteDir).then(
      (folder) => folder.buildId,
      (err: unknown) => {
        // Not built on this machine: Stage says so when asked to run. Anything else is real.
        if (err instanceof SiteNotBuiltError) return null;
        throw err;
      },
    );
    const [staging, prod, stagingBuild, prodBuild, release, plan, history] = await Promise.all([
      listSiteFiles(ctx.staging),
      listSiteFiles(ctx.prod),
      buildIdOf(ctx.staging),
      buildIdOf(ctx.prod),
      this.releases.current(),
      currentPlan(ctx),
      this.history.list(10),
    ]);
    return {
      mode: ctx.mode,
      built: { buildId: built, dir: ctx.siteDir },
      staging: { buildId: stagingBuild, files: staging.size, location: ctx.staging.location },
      prod: {
        buildId: prodBuild,
        files: prod.size,
        location: ctx.prod.location,
        releaseId: release?.id ?? null,
      },
      pending: {
        changed: plan.changed.length,
        added: plan.added.length,
        removed: plan.removed.length,
      },
      prodCurrent: staging.size > 0 && plan.changed.length + plan.added.length === 0,
      pendingInvalidations: await this.pendingInvalidations(history),
      lastDeploy: history[0] ?? null,
    };
  }

  stage(dir?: string): Promise<StageResult> {
    return stageSite(this.ctx, dir);
  }

  plan(): Promise<PromotePlan> {
    return currentPlan(this.ctx);
  }

  promote(request: PromoteRequest) {
    return promote(this.ctx, request);
  }

  /** Invalidates paths (default: every page route) on every distribution and waits. */
  invalidate(paths: readonly string[]): Promise<InvalidationReport[]> {
    const wanted = paths.length > 0 ? [...paths] : ['/*'];
    return recordedRun(
      this.ctx,
      'invalidate',
      async (run) => {
        const cdns = await this.ctx.cdns();
        const started = await startInvalidations(cdns, wanted, run.progress);
        await run.checkpoint(
          { ok: true, summary: `Invalidating ${wanted.join(' ')}`, invalidations: started },
          null,
        );
        return waitForInvalidations(cdns, started, this.ctx.invalidationWait, run.progress);
      },
      (reports) => ({
        ok: true,
        summary: `Invalidated ${wanted.join(' ')} on ${reports.length} distribution(s)`,
        invalidations: reports,
      }),
    );
  }

  async verify(): Promise<PublicCheck[]> {
    const release = await this.releases.current();
    if (!release)
      throw new QdnError('not_found', 'Prod has no release yet: stage and promote first.');
    const warnings: string[] = [];
    return recordedRun(
      this.ctx,
      'verify',
      async (run) => {
        const checks = await checkPublicSite(this.ctx, release, run.progress, warnings);
        if (warnings.length > 0 && checks.length === 0)
          throw new QdnError('storage_unavailable', warnings.join(' '));
        return checks;
      },
      (checks) => ({
        ok: checks.every((c) => c.ok),
        summary: `Verified release ${release.id}: ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed`,
        releaseId: release.id,
      }),
    );
  }

  listReleases(): Promise<ReleaseSummary[]> {
    return this.releases.summaries();
  }

  /** Rolls back to `releaseId`, or to the release before the current one. */
  async rollback(releaseId?: string, options = { invalidate: true }) {
    const target = releaseId ?? (await this.releases.ids())[1];
    if (!target) throw new QdnError('not_found', 'There is no earlier release to roll back to.');
    if (target === (await this.releases.ids())[0]) {
      throw new QdnError('bad_request', `Release ${target} is the one prod already holds.`);
    }
    return rollback(this.ctx, target, options);
  }

  inspectFunction(): Promise<EdgeFunctionReport> {
    return inspectEdgeFunction(this.ctx);
  }

  publishFunction(options: { associate: boolean }): Promise<EdgeFunctionReport> {
    return recordedRun(
      this.ctx,
      'function',
      (run) => publishEdgeFunction(this.ctx, run, options),
      (report) => ({ ok: report.tests.every((t) => t.ok), summary: report.message }),
    );
  }

  doctor(jobId: string): Promise<LinkDoctorReport> {
    return diagnoseLink(this.ctx, jobId);
  }

  /** Applies one fix the doctor offers, then diagnoses again. */
  async fix(jobId: string, fix: LinkFix): Promise<LinkDoctorReport> {
    const before = await diagnoseLink(this.ctx, jobId);
    const job = (await this.ctx.jobs.list()).find((j) => j.job_id === jobId)!;
    await recordedRun(
      this.ctx,
      'doctor',
      async (run) => {
        run.progress.report('fix', 'running', `Fixing ${before.fault ?? 'the link'}: ${fix}`);
        if (fix === 'republish_document') await this.ctx.jobs.republish([jobId]);
        else if (fix === 'invalidate') {
          const paths = ['/track.html', '/track/*', `/${statusDocumentKey(job.tracking_token)}`];
          const cdns = await this.ctx.cdns();
          const started = await startInvalidations(cdns, paths, run.progress);
          await waitForInvalidations(cdns, started, this.ctx.invalidationWait, run.progress);
        } else if (fix === 'promote') await promote(this.ctx, { invalidate: true, prune: false });
        else await publishEdgeFunction(this.ctx, run, { associate: true });
      },
      () => ({ ok: true, summary: `Link doctor for job ${jobId}: applied ${fix}` }),
    );
    return diagnoseLink(this.ctx, jobId);
  }

  listHistory(): Promise<DeployHistoryEntry[]> {
    return this.history.list();
  }

  private async pendingInvalidations(history: DeployHistoryEntry[]): Promise<InvalidationReport[]> {
    const pending = history.flatMap((h) => h.invalidations.filter((i) => i.status !== 'Completed'));
    if (pending.length === 0) return [];
    const cdns = await this.ctx.cdns();
    // The field promises statuses "when last seen": a CDN that does not answer now leaves the
    // recorded ones (still pending, never wrongly done). A promote reports a real failure.
    const fresh = await refreshInvalidations(cdns, pending).catch(() => pending);
    return fresh.filter((i) => i.status !== 'Completed');
  }
}
