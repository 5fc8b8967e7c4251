import type { InvalidationReport, SiteFile } from '../../shared/deploy/deploy-api';
import type { Cdn } from '../cdn/cdn';
import { errorMessage } from '../../shared/errors';
import type { DeployContext, RunProgress } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { DeployJournal } from './deploy-journal';
import type { JournalRead, JournalState, PlannedInvalidation, ProdIntent } from './deploy-journal';
import { waitForInvalidations } from './invalidate';
import {
  completeInvalidation,
  forgetPruned,
  noticeProd,
  planInvalidation,
  prodMoved,
  prunableNow,
} from './owed-invalidations';
import { carryOutIntent, intentMayBeRunning, IntentSourceGoneError } from './prod-intent';
import { Releases } from './releases';
import { settleAll } from './settle-all';
import { isStatusDocumentKey } from '../../shared/site-keys';
import { withdrawUnheldDocuments } from './withdrawn-documents';

export interface SettleOptions {
  /** Wait for invalidations to complete (within ctx.invalidationWait), or look once. */
  wait: boolean;
  /** Plan an invalidation of every owed key no planned one covers (promote, rollback). */
  invalidateOwed: boolean;
  /** The run settling, for the ids of what it plans. */
  runId: string;
  /** This run's own intent, just carried out: finished without asking whether it runs. */
  ownIntent?: ProdIntent;
}

export interface Settled {
  read: JournalRead;
  prodFiles: Map<string, SiteFile>;
  /** An operation another process may still be running; nothing else was settled. */
  underWay: ProdIntent | null;
  /** The invalidations this call started or watched, as last seen. */
  invalidations: InvalidationReport[];
  /** What a person should know: an intent finished or given up, a CDN that did not answer. */
  notes: string[];
}

type Change = (state: JournalState) => JournalState;

/** A settle whose journal write is left to the caller, to go out beside its other last writes. */
export interface SettledUnwritten extends Omit<Settled, 'read'> {
  /** The journal as it will be once written (the caller's view; a lost race re-applies). */
  state: JournalState;
  /** Writes the journal (if anything changed) and any history lines of resumed intents. */
  commit(): Promise<JournalRead>;
}

/**
 * Brings the journal's promises up to date, every step idempotent: finishes an operation that
 * stopped midway (its copies, pages and release), owes what changed in prod behind the
 * pipeline's back, starts and watches the planned invalidations, clears what completed, and
 * deletes pruned assets once nothing is owed. Writes the journal once, at the end, and only if
 * something changed. Every deploy command runs it, so whoever comes next completes the work.
 */
export async function settleJournal(
  ctx: DeployContext,
  read: JournalRead,
  prod: ReadonlyMap<string, SiteFile>,
  progress: RunProgress,
  options: SettleOptions,
): Promise<Settled> {
  const settled = await settleUnwritten(ctx, read, prod, progress, options);
  return {
    read: await settled.commit(),
    prodFiles: settled.prodFiles,
    underWay: settled.underWay,
    invalidations: settled.invalidations,
    notes: settled.notes,
  };
}

/**
 * settleJournal without its last write: everything up to the journal's write is done, and the
 * write is `commit`. A promote or rollback sends it beside its history line (recorded-run.ts),
 * one round trip instead of two. Until it lands the journal still holds what it held: an
 * intent, finished by whoever comes next (its release record says it is done).
 */
export async function settleUnwritten(
  ctx: DeployContext,
  read: JournalRead,
  prod: ReadonlyMap<string, SiteFile>,
  progress: RunProgress,
  options: SettleOptions,
): Promise<SettledUnwritten> {
  const journal = new DeployJournal(ctx.data);
  const changes: Change[] = [];
  const notes: string[] = [];
  let state = structuredClone(read.state);
  const apply = (change: Change) => {
    changes.push(change);
    state = change(state);
  };
  let prodFiles = new Map(prod);
  const historyLines: Promise<void>[] = [];
  const unchanged = (): SettledUnwritten => ({
    state: read.state,
    prodFiles,
    underWay: null,
    invalidations: [],
    notes,
    commit: () => Promise.resolve(read),
  });

  const intent = options.ownIntent ?? state.intent;
  if (intent) {
    const own = options.ownIntent !== undefined;
    // Finishing the intent replaces the journal's release: its record must exist first (a
    // run's release record and its journal write go out together, so one may be missing).
    const [recorded] = await Promise.all([
      own || releaseRecorded(ctx, intent.release.id),
      own || !state.release || new Releases(ctx.data).ensureRecorded(state.release),
    ]);
    if (!recorded && intentMayBeRunning(intent, ctx.now())) {
      return { ...unchanged(), underWay: intent };
    }
    let abandoned: string | null = null;
    if (!recorded) {
      progress.report(
        'resume',
        'running',
        `Finishing the ${intent.action} ${intent.run_id} (${intent.by}) that stopped midway`,
      );
      try {
        prodFiles = (await carryOutIntent(ctx, intent, prodFiles, progress)).prodFiles;
      } catch (err) {
        if (!(err instanceof IntentSourceGoneError)) throw err;
        abandoned = err.message;
      }
    }
    apply(finishIntent(intent, abandoned, prodFiles));
    if (!own) {
      notes.push(
        abandoned === null
          ? `Finished the ${intent.action} ${intent.run_id} that stopped midway (started by ${intent.by}).`
          : `The ${intent.action} ${intent.run_id} that stopped midway cannot be finished (${abandoned}); prod still serves complete pages, and what it changed stays owed an invalidation.`,
      );
      const line = recordResumed(ctx, intent, abandoned);
      line.catch(() => {}); // awaited by commit, which a caller may send later
      historyLines.push(line);
    }
  }

  if (prodMoved(state, prodFiles)) apply((s) => noticeProd(s, prodFiles, options.runId));
  if (options.invalidateOwed) {
    apply((s) => planInvalidation(s, `qdn-${options.runId}`, null));
  }

  const watched = await watchInvalidations(ctx, state, progress, options.wait, notes);
  for (const entry of watched) {
    apply((s) => {
      const current = s.invalidating.find((i) => i.ref === entry.ref);
      if (!current) return s; // someone else saw it complete
      current.reports = entry.reports;
      return entry.reports.length > 0 && entry.reports.every((r) => r.status === 'Completed')
        ? completeInvalidation(s, current)
        : s;
    });
  }

  const prunable = prunableNow(state);
  if (prunable.length > 0) {
    progress.report('prune', 'running', `Removing ${prunable.length} files no page names any more`);
    await settleAll(prunable.map((key) => ctx.prod.delete(key)));
    for (const key of prunable) prodFiles.delete(key);
    apply((s) => forgetPruned(s, prunable));
  }

  const commit = async (): Promise<JournalRead> => {
    const writing =
      changes.length > 0
        ? journal.update((s) => changes.reduce((acc, change) => change(acc), s), read)
        : Promise.resolve(read);
    const [written] = await settleAll([writing, settleAll(historyLines).then(() => read)]);
    return written!;
  };
  return {
    state,
    prodFiles,
    underWay: null,
    invalidations: watched.flatMap((w) => w.reports),
    notes,
    commit,
  };
}

function finishIntent(
  intent: ProdIntent,
  abandoned: string | null,
  prodFiles: ReadonlyMap<string, SiteFile>,
): Change {
  return (s) => {
    if (s.intent?.run_id === intent.run_id) s.intent = null;
    const planned = s.invalidating.find((i) => i.after_release === intent.release.id);
    if (abandoned === null) {
      s.release = intent.release;
      s.prune_later = [...new Set([...s.prune_later, ...intent.prune_assets])];
    } else if (planned) {
      planned.after_release = null; // prod is as the copies left it: refresh the edge now
    }
    s.prod = Object.fromEntries([...prodFiles.values()].map((f) => [f.key, f.etag]));
    return s;
  };
}

async function releaseRecorded(ctx: DeployContext, id: string): Promise<boolean> {
  return (await ctx.data.head(`releases/${id}.json`)) !== null;
}

function recordResumed(
  ctx: DeployContext,
  intent: ProdIntent,
  abandoned: string | null,
): Promise<void> {
  return new DeployHistory(ctx.data).record({
    id: intent.run_id,
    action: intent.action,
    at: intent.at,
    by: intent.by,
    ok: abandoned === null,
    summary:
      abandoned === null
        ? `${intent.action} stopped midway; finished by ${ctx.by} as release ${intent.release.id}`
        : `${intent.action} stopped midway and could not be finished: ${abandoned}`,
    releaseId: abandoned === null ? intent.release.id : null,
    invalidations: [],
    details: null,
  });
}

/**
 * Starts every planned invalidation whose release is recorded (a retry with the same caller
 * reference finds the first), then reads — or, with `wait`, polls — their status. A CDN that
 * does not answer is a note: the invalidation stays planned, its keys stay owed.
 */
async function watchInvalidations(
  ctx: DeployContext,
  state: JournalState,
  progress: RunProgress,
  wait: boolean,
  notes: string[],
): Promise<PlannedInvalidation[]> {
  const ready = state.invalidating.filter(
    (i) => i.after_release === null || i.after_release === state.release?.id,
  );
  if (ready.length === 0) return [];
  const cdns = await ctx.cdns();
  if (cdns.length === 0) {
    notes.push('Nothing was invalidated: no distribution is configured (prod.distribution_ids).');
    return [];
  }
  // A withdrawn link's document goes before its invalidation starts (withdrawn-documents.ts).
  let withdrawn = true;
  try {
    await withdrawUnheldDocuments(ctx, ready);
  } catch (err) {
    withdrawn = false;
    notes.push(
      `Withdrawn tracking links could not be checked against the jobs (${errorMessage(err)}): their invalidation waits for the next status or deploy.`,
    );
  }
  const watched: PlannedInvalidation[] = [];
  for (const entry of ready) {
    if (!withdrawn && Object.keys(entry.keys).some(isStatusDocumentKey)) continue;
    try {
      const reports = await startOnEvery(cdns, entry, progress);
      const wanted = wait ? ctx.invalidationWait : { ...ctx.invalidationWait, timeoutMs: 0 };
      const seen = reports.every((r) => r.status === 'Completed')
        ? reports
        : await waitForInvalidations(cdns, reports, wanted, progress);
      watched.push({ ...entry, reports: seen });
    } catch (err) {
      notes.push(
        `The CDN did not answer (${errorMessage(err)}): ${entry.paths.length} paths stay owed an invalidation; \`qdn deploy status\` or the next deploy tries again.`,
      );
    }
  }
  return watched;
}

/**
 * Starts `entry` on every distribution that has no report for it yet. The caller reference is
 * the entry's, so starting it again (a retry, a re-run) returns the invalidation made first.
 */
export async function startOnEvery(
  cdns: readonly Cdn[],
  entry: PlannedInvalidation,
  progress: Pick<RunProgress, 'report'>,
): Promise<InvalidationReport[]> {
  const reports = [...entry.reports];
  for (const cdn of cdns) {
    if (reports.some((r) => r.distributionId === cdn.distributionId)) continue;
    progress.report(
      'invalidate',
      'running',
      `Invalidating ${entry.paths.length} paths on ${cdn.location}`,
    );
    const started = await cdn.invalidate(entry.paths, `${entry.ref}-${cdn.distributionId}`);
    reports.push({
      distributionId: cdn.distributionId,
      id: started.id,
      status: started.status,
      paths: started.paths,
    });
  }
  return reports;
}
