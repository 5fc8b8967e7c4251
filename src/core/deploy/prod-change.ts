import type { InvalidationReport, PublicCheck, SiteFile } from '../../shared/deploy/deploy-api';
import { errorMessage } from '../../shared/errors';
import type { Job } from '../../shared/job';
import type { DeployContext, RunProgress } from './deploy-context';
import { DeployJournal } from './deploy-journal';
import type { IntendedCopy, JournalRead, ProdIntent } from './deploy-journal';
import { keepBeforeReplacing } from './kept-copies';
import { noticeProd, oweKeys, planInvalidation } from './owed-invalidations';
import { carryOutCopies, markRunning, recordRelease } from './prod-intent';
import type { Run } from './recorded-run';
import { Releases } from './releases';
import type { Release, ReleaseFile } from './releases';
import { settleUnwritten } from './settle-journal';
import { verifyPublicSite } from './verify-public';

/** What a promote or rollback wants prod to become; read and validated before any write. */
export interface ProdChange {
  action: ProdIntent['action'];
  copies: IntendedCopy[];
  /** Keys that leave prod (--prune): pages go before the invalidation, assets after it. */
  removing: string[];
  /** The release's files once done: key → ETag/size (version ids are filled in by the copies). */
  files: ReadonlyMap<string, SiteFile>;
  buildId: string | null;
  rolledBackTo: string | null;
  invalidate: boolean;
}

export interface AppliedChange {
  release: Release | null;
  created: boolean;
  copied: string[];
  invalidations: InvalidationReport[];
  /** False when the public checks failed after every invalidation completed. */
  publicOk: boolean;
  checks: PublicCheck[];
}

/**
 * Carries out a prod change so that it finishes whatever happens: its intent (what it will copy,
 * delete and invalidate) is in the journal before prod is touched, with what it replaces kept
 * for rollback in the same round trip; then the copies; then the release record, the
 * invalidation of everything owed, the deferred prune, the public checks, and one journal write
 * beside the release record and the history line (left to the run, see Run.closeWith). A kill
 * anywhere is finished by the next deploy command (settle-journal.ts).
 */
export async function applyProdChange(
  ctx: DeployContext,
  run: Run,
  read: JournalRead,
  prod: ReadonlyMap<string, SiteFile>,
  change: ProdChange,
  warnings: string[],
  jobs: JobsForChecks,
): Promise<AppliedChange> {
  const runId = run.progress.runId;
  const current = read.state.release;
  const pages = change.removing.filter((k) => k.endsWith('.html'));
  const assets = change.removing.filter(
    (k) => !k.endsWith('.html') && !read.state.prune_later.includes(k),
  );
  const unchanged =
    change.copies.length === 0 &&
    pages.length === 0 &&
    assets.length === 0 &&
    current !== null &&
    change.rolledBackTo === null &&
    sameFiles(current, change.files);

  let release = current;
  let created = false;
  let copied: string[] = [];
  let settled;
  const releases = new Releases(ctx.data);
  if (unchanged) {
    // Prod already holds this release: only what is still owed is left to do — and its record,
    // if the run that made it was stopped between its last writes (Releases.ensureRecorded).
    run.closeWith(releases.ensureRecorded(current));
    settled = await settleUnwritten(ctx, read, prod, run.progress, {
      wait: true,
      invalidateOwed: change.invalidate,
      runId,
    });
  } else {
    const intent: ProdIntent = {
      run_id: runId,
      action: change.action,
      by: ctx.by,
      owner: ctx.owner,
      at: ctx.now().toISOString(),
      copies: change.copies,
      delete_pages: pages,
      prune_assets: assets,
      release: newRelease(ctx, runId, change, current),
      invalidate: change.invalidate,
    };
    const replaced = [...change.copies.map((c) => c.key), ...pages, ...assets].filter(
      (key) => prod.has(key) && prod.get(key)!.etag !== change.files.get(key)?.etag,
    );
    const ended = markRunning(runId);
    let carried;
    try {
      const [withIntent] = await Promise.all([
        new DeployJournal(ctx.data).update((s) => {
          noticeProd(s, prod, runId);
          s.intent = intent;
          oweKeys(s, [...replaced.filter((k) => !assets.includes(k))], runId);
          return change.invalidate ? planInvalidation(s, `qdn-${runId}`, intent.release.id) : s;
        }, read),
        keepBeforeReplacing(
          ctx,
          replaced.map((key) => prod.get(key)!),
          run.progress,
        ),
        // This run's closing write replaces the journal's release, so its record must exist
        // before then; it may not, if the run that made it stopped between its last writes.
        current && releases.ensureRecorded(current),
      ]);
      carried = { withIntent, done: await carryOutCopies(ctx, intent, prod, run.progress) };
    } catch (err) {
      ended();
      throw err;
    }
    const { done, withIntent } = carried;
    // The record marks the intent done, so it goes once the copies are; the journal's closing
    // write need not wait for it, and goes beside it: a journal that says done while the record
    // did not land has the record written from its copy by whatever replaces that release.
    const recording = recordRelease(ctx, done.release, run.progress).finally(ended);
    run.closeWith(recording);
    release = done.release;
    created = true;
    copied = done.copied;
    settled = await settleUnwritten(ctx, withIntent, done.prodFiles, run.progress, {
      wait: true,
      invalidateOwed: change.invalidate,
      runId,
      ownIntent: { ...intent, release: done.release },
    });
  }
  // The journal's last write goes now, beside the public checks and the history line
  // (recorded-run.ts), instead of before them.
  run.closeWith(settled.commit());
  warnings.push(...settled.notes);

  const owed = Object.keys(settled.state.owed);
  const invalidating = settled.invalidations;
  if (!change.invalidate && owed.length > 0) {
    warnings.push(
      `Not invalidated: the CDN may serve the old ${owed.join(', ')} until \`qdn deploy invalidate\` runs or a deploy invalidates them.`,
    );
    run.progress.report('invalidate', 'skipped', 'Invalidation skipped');
  } else if (invalidating.some((i) => i.status !== 'Completed')) {
    warnings.push(
      'The CDN is still invalidating; `qdn deploy status` shows when it completes. Until then some phones may get the old pages.',
    );
  }
  const checks = release ? await checkPublicSite(ctx, release, run.progress, warnings, jobs) : [];
  return {
    release,
    created,
    copied,
    invalidations: invalidating,
    checks,
    publicOk: owed.length > 0 || checks.every((c) => c.ok),
  };
}

function newRelease(
  ctx: DeployContext,
  id: string,
  change: ProdChange,
  current: Release | null,
): Release {
  return {
    schema: 1,
    id,
    build_id: change.buildId,
    created_at: ctx.now().toISOString(),
    by: ctx.by,
    rolled_back_to: change.rolledBackTo,
    files: Object.fromEntries(
      [...change.files.values()].map((f): [string, ReleaseFile] => [
        f.key,
        {
          etag: f.etag,
          size: f.size,
          version_id:
            current?.files[f.key]?.etag === f.etag ? current.files[f.key]!.version_id : null,
        },
      ]),
    ),
  };
}

export type JobsForChecks = Promise<{ jobs: readonly Job[]; error: string | null }>;

/**
 * The jobs whose status documents the public checks probe, read as the operation starts, so
 * the read shares a round trip with the first listings instead of adding one at the end.
 */
export function jobsForChecks(ctx: Pick<DeployContext, 'jobs'>): JobsForChecks {
  return ctx.jobs.listJobs().then(
    (jobs) => ({ jobs, error: null }),
    (err: unknown) => ({ jobs: [], error: errorMessage(err) }),
  );
}

/** The public checks, or a warning saying why they could not run. */
export async function checkPublicSite(
  ctx: DeployContext,
  release: Release,
  progress: RunProgress,
  warnings: string[],
  prefetched?: JobsForChecks,
): Promise<PublicCheck[]> {
  const site = await ctx.publicSite();
  if (!site.running) {
    warnings.push(
      'Not verified through the public URL: no local edge is running (open the console or run `qdn sandbox`).',
    );
    progress.report('verify', 'skipped', 'No local edge is running');
    return [];
  }
  progress.report('verify', 'running', `Checking ${site.url}`);
  const { jobs, error } = await (prefetched ?? jobsForChecks(ctx));
  if (error !== null) {
    warnings.push(`No status document was checked: jobs.json could not be read (${error}).`);
  }
  const checks = await verifyPublicSite(site.url, release, jobs);
  const failed = checks.filter((c) => !c.ok).length;
  progress.report(
    'verify',
    failed ? 'failed' : 'done',
    `${checks.length - failed} of ${checks.length} checks passed`,
  );
  return checks;
}

/** Whether `release` holds exactly `files` (same keys, same ETags). */
export function sameFiles(release: Release, files: ReadonlyMap<string, SiteFile>): boolean {
  const keys = Object.keys(release.files);
  return (
    keys.length === files.size && keys.every((k) => files.get(k)?.etag === release.files[k]!.etag)
  );
}
