import type { InvalidationReport, PublicCheck, SiteFile } from '../../shared/deploy/deploy-api';
import type { DeployContext, RunProgress } from './deploy-context';
import { timeId } from './deploy-context';
import { startInvalidations, waitForInvalidations } from './invalidate';
import { invalidationPathsFor } from './invalidation-paths';
import type { Run } from './recorded-run';
import { Releases } from './releases';
import type { Release, ReleaseFile } from './releases';
import { unfinishedInvalidation } from './unfinished-invalidation';
import { verifyPublicSite } from './verify-public';
import { errorMessage } from '../../shared/errors';

export interface FinishRequest {
  /** Prod's site files now that the copies are verified. */
  prodFiles: ReadonlyMap<string, SiteFile>;
  /** Keys whose content changed or went away in prod: what the CDN may hold stale. */
  staleKeys: readonly string[];
  buildId: string | null;
  /** Version ids the copies returned (S3 with versioning on). */
  versionIds: ReadonlyMap<string, string | null>;
  rolledBackTo: string | null;
  invalidate: boolean;
  warnings: string[];
}

export interface FinishedRelease {
  release: Release;
  created: boolean;
  invalidations: InvalidationReport[];
  checks: PublicCheck[];
  /** False when the public checks failed after a completed invalidation. */
  publicOk: boolean;
}

/**
 * After prod holds the new files: record the release, invalidate what may be stale, and check
 * the public URL. A re-run after a failure in here finds prod already right and only finishes.
 */
export async function finishRelease(
  ctx: DeployContext,
  run: Run,
  request: FinishRequest,
): Promise<FinishedRelease> {
  const releases = new Releases(ctx.data);
  const current = await releases.current();
  let release: Release;
  let created = false;
  if (current && request.rolledBackTo === null && sameFiles(current, request.prodFiles)) {
    release = current; // nothing changed since the release prod already holds
  } else {
    release = {
      schema: 1,
      id: timeId(ctx.now()),
      build_id: request.buildId,
      created_at: ctx.now().toISOString(),
      by: ctx.by,
      rolled_back_to: request.rolledBackTo,
      files: Object.fromEntries(
        [...request.prodFiles.values()].map((f): [string, ReleaseFile] => [
          f.key,
          {
            etag: f.etag,
            size: f.size,
            version_id:
              request.versionIds.get(f.key) ??
              (current?.files[f.key]?.etag === f.etag ? current.files[f.key]!.version_id : null),
          },
        ]),
      ),
    };
    await releases.write(release);
    created = true;
    run.progress.report('release', 'done', `Recorded release ${release.id}`);
  }

  let invalidations: InvalidationReport[] = [];
  const staleKeys =
    !created && request.invalidate && request.staleKeys.length === 0
      ? await unfinishedInvalidation(ctx, release)
      : request.staleKeys;
  const paths = invalidationPathsFor(staleKeys);
  const cdns = paths.length > 0 && request.invalidate ? await ctx.cdns() : [];
  if (paths.length > 0 && request.invalidate && cdns.length === 0) {
    request.warnings.push(
      'Nothing was invalidated: no distribution is configured (prod.distribution_ids).',
    );
  } else if (paths.length > 0 && request.invalidate) {
    // One reference per run: an SDK retry of the request cannot start a second invalidation.
    invalidations = await startInvalidations(cdns, paths, run.progress);
    await run.checkpoint(
      {
        ok: true,
        summary: `Release ${release.id}: invalidating`,
        releaseId: release.id,
        invalidations,
      },
      null,
    );
    try {
      invalidations = await waitForInvalidations(
        cdns,
        invalidations,
        ctx.invalidationWait,
        run.progress,
      );
    } catch (err) {
      // The invalidations exist and go on; only watching them failed. A re-run watches again.
      request.warnings.push(
        `The invalidation's progress could not be read (${errorMessage(err)}); run the promote again to check it.`,
      );
    }
    if (invalidations.some((i) => i.status !== 'Completed')) {
      request.warnings.push(
        'The CDN is still invalidating; `qdn deploy status` shows when it completes. Until then some phones may get the old pages.',
      );
    }
  } else if (paths.length > 0) {
    request.warnings.push(
      `Not invalidated: the CDN may serve the old ${staleKeys.join(', ')} until its cache expires or \`qdn deploy invalidate\` runs.`,
    );
    run.progress.report('invalidate', 'skipped', 'Invalidation skipped');
  }

  const checks = await checkPublicSite(ctx, release, run.progress, request.warnings);
  const checksCount = request.invalidate && invalidations.every((i) => i.status === 'Completed');
  return {
    release,
    created,
    invalidations,
    checks,
    publicOk: !checksCount || checks.every((c) => c.ok),
  };
}

/** The public checks, or a warning saying why they could not run. */
export async function checkPublicSite(
  ctx: DeployContext,
  release: Release,
  progress: RunProgress,
  warnings: string[],
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
  const jobs = await ctx.jobs.list().catch((err: unknown) => {
    warnings.push(
      `No status document was checked: jobs.json could not be read (${errorMessage(err)}).`,
    );
    return [];
  });
  const checks = await verifyPublicSite(site.url, release, jobs);
  const failed = checks.filter((c) => !c.ok).length;
  progress.report(
    'verify',
    failed ? 'failed' : 'done',
    `${checks.length - failed} of ${checks.length} checks passed`,
  );
  return checks;
}

function sameFiles(release: Release, files: ReadonlyMap<string, SiteFile>): boolean {
  const keys = Object.keys(release.files);
  return (
    keys.length === files.size && keys.every((k) => files.get(k)?.etag === release.files[k]!.etag)
  );
}
