import type {
  DeployHistoryEntry,
  DeployStatus,
  EdgeFunctionReport,
  InvalidationReport,
  PromotePlan,
  PublicCheck,
  ReleaseSummary,
  StageResult,
} from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import { readSiteFolder, SiteNotBuiltError } from '../site/site-folder';
import type { DeployContext } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { inspectEdgeFunction, publishEdgeFunction } from './edge-function-deploy';
import { DeployJournal } from './deploy-journal';
import { RunProgress } from './deploy-context';
import { pathsCoverKey } from './invalidation-paths';
import { noticeProd } from './owed-invalidations';
import { checkPublicSite } from './prod-change';
import { planPromote } from './promote-plan';
import { readJournal } from './read-journal';
import { settleJournal } from './settle-journal';
import { currentPlan, promote } from './promote';
import type { PromoteRequest } from './promote';
import { recordedRun } from './recorded-run';
import { Releases } from './releases';
import { rollback } from './rollback';
import { buildIdOf, listSiteFiles } from './site-files';
import { stageSite } from './stage';

/** Every deploy action over one workspace (docs/operations.md): the console's and `qdn deploy`'s. */
export class DeployService {
  private readonly releases: Releases;
  private readonly history: DeployHistory;

  constructor(private readonly ctx: DeployContext) {
    this.releases = new Releases(ctx.data);
    this.history = new DeployHistory(ctx.data);
  }

  /**
   * Staging against prod, and the edge's debts. Reading the status also settles the journal:
   * an operation that stopped midway is finished, invalidations it planned are started and
   * read, and what completed is cleared — so the Deploy dot polls its way back to green.
   */
  async getDeployStatus(): Promise<DeployStatus> {
    const ctx = this.ctx;
    const built = await readSiteFolder(ctx.siteDir).then(
      (folder) => folder.buildId,
      (err: unknown) => {
        // Not built on this machine: Stage says so when asked to run. Anything else is real.
        if (err instanceof SiteNotBuiltError) return null;
        throw err;
      },
    );
    const [staging, listedProd, stagingBuild, prodBuild, journal, history, releases] =
      await Promise.all([
        listSiteFiles(ctx.staging),
        listSiteFiles(ctx.prod),
        buildIdOf(ctx.staging),
        buildIdOf(ctx.prod),
        readJournal(ctx),
        this.history.list(10),
        this.releases.readAll(),
      ]);
    const progress = new RunProgress(ctx, 'verify');
    const settled = await settleJournal(ctx, journal, listedProd, progress, {
      wait: false,
      invalidateOwed: false,
      runId: progress.runId,
    });
    const state = settled.read.state;
    const prod = settled.prodFiles;
    const plan = planPromote(staging, prod, stagingBuild);
    const owed = Object.keys(state.owed).sort();
    const intent = settled.underWay ?? state.intent;
    const problems = [...releases.unreadable];
    if (journal.unreadable) {
      problems.push(
        `${journal.unreadable}; it was rebuilt from the releases, and every file is owed an invalidation.`,
      );
    }
    const pendingInvalidations = state.invalidating
      .flatMap((i) => i.reports)
      .filter((r) => r.status !== 'Completed');
    return {
      mode: ctx.mode,
      built: { buildId: built, dir: ctx.siteDir },
      staging: { buildId: stagingBuild, files: staging.size, location: ctx.staging.location },
      prod: {
        buildId: prodBuild,
        files: prod.size,
        location: ctx.prod.location,
        releaseId: state.release?.id ?? null,
      },
      pending: {
        changed: plan.changed.length,
        added: plan.added.length,
        removed: plan.removed.filter((k) => !state.prune_later.includes(k)).length,
      },
      prodCurrent:
        staging.size > 0 &&
        plan.changed.length + plan.added.length === 0 &&
        owed.length === 0 &&
        intent === null &&
        state.staging === null,
      pendingInvalidations,
      owed,
      pruneLater: [...state.prune_later].sort(),
      unfinished: intent && {
        runId: intent.run_id,
        action: intent.action,
        by: intent.by,
        at: intent.at,
        underWay: settled.underWay !== null,
      },
      halfStaged: state.staging && {
        runId: state.staging.run_id,
        buildId: state.staging.build_id,
        at: state.staging.at,
      },
      problems,
      notes: settled.notes,
      lastDeploy: history[0] ?? null,
    };
  }

  stageSite(dir?: string): Promise<StageResult> {
    return stageSite(this.ctx, dir);
  }

  planPromote(): Promise<PromotePlan> {
    return currentPlan(this.ctx);
  }

  promote(request: PromoteRequest) {
    return promote(this.ctx, request);
  }

  /**
   * Invalidates paths (default: everything) on every distribution and waits. What it covers of
   * the owed keys is cleared once it completes — now, or at a later status if the wait ends.
   */
  invalidateProd(paths: readonly string[]): Promise<InvalidationReport[]> {
    const wanted = paths.length > 0 ? [...paths] : ['/*'];
    return recordedRun(
      this.ctx,
      'invalidate',
      async (run) => {
        const ref = `qdn-${run.progress.runId}`;
        const [journal, prod] = await Promise.all([
          readJournal(this.ctx),
          listSiteFiles(this.ctx.prod),
        ]);
        const planned = await new DeployJournal(this.ctx.data).update((s) => {
          noticeProd(s, prod, run.progress.runId);
          const keys = Object.keys(s.owed).filter((k) => pathsCoverKey(wanted, k));
          s.invalidating.push({
            ref,
            keys: Object.fromEntries(keys.map((k) => [k, s.owed[k]!])),
            paths: wanted,
            after_release: null,
            reports: [],
          });
          return s;
        }, journal);
        const settled = await settleJournal(this.ctx, planned, prod, run.progress, {
          wait: true,
          invalidateOwed: false,
          runId: run.progress.runId,
        });
        if (settled.notes.length > 0 && settled.invalidations.length === 0) {
          throw new QdnError('storage_unavailable', settled.notes.join(' '));
        }
        return settled.invalidations;
      },
      (reports) => ({
        ok: true,
        summary: `Invalidated ${wanted.join(' ')} on ${reports.length} distribution(s)`,
        invalidations: reports,
      }),
    );
  }

  async verifyProd(): Promise<PublicCheck[]> {
    const release = (await readJournal(this.ctx)).state.release;
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

  async listReleases(): Promise<ReleaseSummary[]> {
    return (await this.releaseList()).summaries;
  }

  /** The readable releases, newest first, and the unreadable ones named. */
  async releaseList(): Promise<{ summaries: ReleaseSummary[]; unreadable: string[] }> {
    const journal = await readJournal(this.ctx);
    return this.releases.summaries(journal.state.release);
  }

  /**
   * Rolls back to `releaseId`, or to the newest readable release before the one prod holds.
   * Rolling back to what prod already holds finishes what is owed (a re-run after
   * --no-invalidate) instead of refusing.
   */
  async rollback(releaseId?: string, options = { invalidate: true }) {
    const target = releaseId ?? (await this.rollbackTarget());
    if (!target) throw new QdnError('not_found', 'There is no earlier release to roll back to.');
    return rollback(this.ctx, target, options);
  }

  /** The release a plain rollback goes back to: the newest readable one before prod's. */
  async rollbackTarget(): Promise<string | undefined> {
    const [{ releases }, journal] = await Promise.all([
      this.releases.readAll(),
      readJournal(this.ctx),
    ]);
    const current = journal.state.release;
    return current ? releases.find((r) => r.id < current.id)?.id : undefined;
  }

  inspectEdgeFunction(): Promise<EdgeFunctionReport> {
    return inspectEdgeFunction(this.ctx);
  }

  publishEdgeFunction(options: { associate: boolean }): Promise<EdgeFunctionReport> {
    return recordedRun(
      this.ctx,
      'function',
      (run) => publishEdgeFunction(this.ctx, run, options),
      (report) => ({ ok: report.tests.every((t) => t.ok), summary: report.message }),
    );
  }

  listDeployHistory(): Promise<DeployHistoryEntry[]> {
    return this.history.list();
  }
}
