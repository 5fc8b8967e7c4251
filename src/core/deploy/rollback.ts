import type { DeployReport, SiteFile } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { DeployContext } from './deploy-context';
import type { IntendedCopy } from './deploy-journal';
import { applyProdChange, jobsForChecks, sameFiles } from './prod-change';
import { finishUnfinished } from './promote';
import { planPromote } from './promote-plan';
import { readJournal } from './read-journal';
import { recordedRun } from './recorded-run';
import { keptCopyKey, Releases } from './releases';
import type { Release } from './releases';
import { listSiteFiles } from './site-files';

/**
 * Puts prod back to an earlier release: each file that differs comes back from its S3 version
 * where one was recorded, else from the copy the pipeline kept; assets before pages, then the
 * same journaled release record, invalidation and public verification as a promote. The target
 * manifest and every copy the restore needs are read and checked before prod is touched.
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
      const jobs = jobsForChecks(ctx);
      const [recorded, listedProd, journal] = await Promise.all([
        new Releases(ctx.data).get(releaseId).then(
          (release): Release | { missing: unknown } => release,
          (err: unknown) => ({ missing: err }),
        ),
        listSiteFiles(ctx.prod),
        readJournal(ctx),
      ]);
      // The release prod holds may have no record yet (Releases.ensureRecorded): the journal's
      // copy is the same manifest.
      const held = journal.state.release;
      const target = held?.id === releaseId ? held : recorded;
      if ('missing' in target) throw target.missing;
      const warnings: string[] = [];
      const { read, prod, notes } = await finishUnfinished(ctx, run, journal, listedProd);
      warnings.push(...notes);
      const wanted = new Map<string, SiteFile>(
        Object.entries(target.files).map(([key, f]) => [key, { key, etag: f.etag, size: f.size }]),
      );
      const plan = planPromote(wanted, prod, target.build_id);
      const toRestore = [...plan.changed, ...plan.added];
      const lacking = await lackingCopies(ctx, toRestore, target.files);
      if (lacking.length > 0) {
        throw new QdnError(
          'not_found',
          `Release ${releaseId} cannot be restored: no copy of ${lacking.join(', ')} was kept. Prod was not changed.`,
        );
      }
      // Files the old release did not have stay, as after a promote without --prune.
      const files = new Map(wanted);
      for (const key of plan.removed) files.set(key, prod.get(key)!);
      const current = read.state.release;
      const alreadyHeld = toRestore.length === 0 && current !== null && sameFiles(current, files);
      const applied = await applyProdChange(
        ctx,
        run,
        read,
        prod,
        {
          action: 'rollback',
          copies: toRestore.map((key): IntendedCopy => {
            const file = target.files[key]!;
            return {
              key,
              etag: file.etag,
              size: file.size,
              from: file.version_id
                ? { store: 'version', version_id: file.version_id }
                : { store: 'kept' },
            };
          }),
          removing: [],
          files,
          buildId: target.build_id,
          // Prod already holding the target (a re-run) only finishes what is owed.
          rolledBackTo: alreadyHeld ? null : target.id,
          invalidate: options.invalidate,
        },
        warnings,
        jobs,
      );
      return {
        runId: run.progress.runId,
        action: 'rollback',
        ok: applied.publicOk,
        releaseId: applied.release?.id ?? null,
        plan,
        copied: applied.copied,
        pruned: [],
        invalidations: applied.invalidations,
        checks: applied.checks,
        warnings,
      };
    },
    (report) => ({
      ok: report.ok,
      summary: `Rolled back to ${releaseId} (build ${report.plan.buildId ?? 'unknown'}) as release ${report.releaseId ?? '(none)'}: ${report.copied.length} files restored`,
      releaseId: report.releaseId,
      invalidations: report.invalidations,
    }),
  );
}

/** Files to restore that have neither a recorded S3 version nor a kept copy (one HEAD each). */
async function lackingCopies(
  ctx: DeployContext,
  keys: readonly string[],
  files: Record<string, { etag: string; version_id: string | null }>,
): Promise<string[]> {
  const checked = await Promise.all(
    keys.map(async (key) => {
      const file = files[key]!;
      if (file.version_id) return null;
      return (await ctx.data.head(keptCopyKey(file.etag))) ? null : key;
    }),
  );
  return checked.filter((k): k is string => k !== null);
}
