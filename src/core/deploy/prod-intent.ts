import os from 'node:os';
import type { SiteFile } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import { PreconditionFailedError } from '../storage/object-store';
import type { DeployContext, RunProgress } from './deploy-context';
import type { IntendedCopy, JournalOwner, ProdIntent } from './deploy-journal';
import { copyAssetsThenPages } from './ordered-copy';
import { keptCopyKey, Releases } from './releases';
import type { Release } from './releases';
import { settleAll } from './settle-all';

/**
 * An operation on another laptop is trusted to be alive this long after it recorded its intent:
 * a promote's copies take seconds; past this, whoever comes next finishes it.
 */
export const INTENT_LEASE_MS = 10 * 60_000;

/** This process, as an intent's owner. */
export function thisOwner(): JournalOwner {
  return { host: os.hostname(), pid: process.pid };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs of this process that are carrying out an intent now. */
const runningHere = new Set<string>();

/** Marks `runId` as running in this process while `work` runs. */
export async function whileRunning<T>(runId: string, work: () => Promise<T>): Promise<T> {
  const ended = markRunning(runId);
  try {
    return await work();
  } finally {
    ended();
  }
}

/** Marks `runId` as running in this process until the returned function is called. */
export function markRunning(runId: string): () => void {
  runningHere.add(runId);
  return () => runningHere.delete(runId);
}

/**
 * Whether the operation that recorded `intent` may still be running: in this process, while
 * it has not ended; in another on this machine, while that process lives; elsewhere, within
 * the lease.
 */
export function intentMayBeRunning(intent: ProdIntent, now: Date): boolean {
  if (intent.owner.host === os.hostname()) {
    if (intent.owner.pid === process.pid) return runningHere.has(intent.run_id);
    return isProcessAlive(intent.owner.pid);
  }
  return now.getTime() - Date.parse(intent.at) < INTENT_LEASE_MS;
}

/** A copy whose source is gone or changed: the intent cannot be finished as recorded. */
export class IntentSourceGoneError extends QdnError {
  constructor(key: string, why: string) {
    super('conflict', `${key} cannot be copied as planned: ${why}`);
  }
}

export interface CarriedOut {
  /** Keys copied by this call (already-right keys are skipped). */
  copied: string[];
  release: Release;
  /** Prod's site files once the intent is carried out. */
  prodFiles: Map<string, SiteFile>;
}

/**
 * Makes prod what `intent` says: the copies prod still lacks (assets before pages, each checked
 * against the ETag it must have), then the pages that leave, then the release record — whose
 * existence marks the intent done. Every step can run again: a re-run after a kill anywhere in
 * here skips what landed and finishes the rest.
 */
export async function carryOutIntent(
  ctx: DeployContext,
  intent: ProdIntent,
  prod: ReadonlyMap<string, SiteFile>,
  progress: RunProgress,
): Promise<CarriedOut> {
  const done = await carryOutCopies(ctx, intent, prod, progress);
  await recordRelease(ctx, done.release, progress);
  return done;
}

/**
 * carryOutIntent up to its release record, which the caller writes (recordRelease) — a promote
 * sends it beside the journal's closing write, one round trip instead of two.
 */
export async function carryOutCopies(
  ctx: DeployContext,
  intent: ProdIntent,
  prod: ReadonlyMap<string, SiteFile>,
  progress: RunProgress,
): Promise<CarriedOut> {
  const todo = new Map(
    intent.copies.filter((c) => prod.get(c.key)?.etag !== c.etag).map((c) => [c.key, c]),
  );
  const versionIds = new Map<string, string | null>();
  const copied = await copyAssetsThenPages(
    todo.keys(),
    async (key) => {
      const wanted = todo.get(key)!;
      const result = await copyIntended(ctx, wanted);
      if (result.etag !== wanted.etag) {
        throw new QdnError(
          'conflict',
          `${key} in prod is not the file the plan copied (ETag ${result.etag}, expected ${wanted.etag}): someone else is changing prod.`,
        );
      }
      versionIds.set(key, result.versionId);
    },
    progress,
    intent.action === 'promote' ? 'copy' : 'restore',
  );
  const leaving = intent.delete_pages.filter((key) => prod.has(key));
  await settleAll(leaving.map((key) => ctx.prod.delete(key)));

  const prodFiles = new Map(prod);
  for (const key of intent.delete_pages) prodFiles.delete(key);
  for (const c of intent.copies) prodFiles.set(c.key, { key: c.key, etag: c.etag, size: c.size });

  const release: Release = {
    ...intent.release,
    files: Object.fromEntries(
      Object.entries(intent.release.files).map(([key, file]) => [
        key,
        { ...file, version_id: versionIds.get(key) ?? file.version_id },
      ]),
    ),
  };
  return { copied, release, prodFiles };
}

/** Writes the release record of an intent whose copies are done: from here it counts as done. */
export async function recordRelease(
  ctx: DeployContext,
  release: Release,
  progress: RunProgress,
): Promise<void> {
  await new Releases(ctx.data).write(release).catch((err: unknown) => {
    // Another process finishing the same intent recorded it first: the same manifest.
    if (!(err instanceof PreconditionFailedError)) throw err;
  });
  progress.report('release', 'done', `Recorded release ${release.id}`);
}

async function copyIntended(
  ctx: DeployContext,
  wanted: IntendedCopy,
): Promise<{ etag: string; versionId: string | null }> {
  const { key } = wanted;
  let result: { etag: string; versionId: string | null } | null;
  try {
    if (wanted.from.store === 'staging') {
      result = await ctx.prod.copyFrom(ctx.staging, key, key, { ifSourceMatch: wanted.etag });
    } else if (wanted.from.store === 'version') {
      result =
        (await ctx.prod.copyFrom(ctx.prod, key, key, {
          sourceVersionId: wanted.from.version_id,
        })) ??
        (await ctx.prod.copyFrom(ctx.data, keptCopyKey(wanted.etag), key, {
          ifSourceMatch: wanted.etag,
        }));
    } else {
      result = await ctx.prod.copyFrom(ctx.data, keptCopyKey(wanted.etag), key, {
        ifSourceMatch: wanted.etag,
      });
    }
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      throw new IntentSourceGoneError(key, 'its source changed since the plan was made');
    }
    throw err;
  }
  if (!result) throw new IntentSourceGoneError(key, 'its source is gone');
  return result;
}
