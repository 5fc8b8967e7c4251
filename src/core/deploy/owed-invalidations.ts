import type { SiteFile } from '../../shared/deploy/deploy-api';
import type { JournalState, PlannedInvalidation } from './deploy-journal';
import { invalidationPathsFor, pathsCoverKey } from './invalidation-paths';

/**
 * The rules of owed invalidations, as pure changes to the journal: a key whose bytes in prod
 * changed is owed from that change (`since`, the id of the change) until an invalidation that
 * was planned after it completes. A later change of the same key owes it again, so an
 * invalidation started before that change cannot clear it.
 */

export function oweKeys(state: JournalState, keys: Iterable<string>, since: string): JournalState {
  for (const key of keys) state.owed[key] = since;
  return state;
}

/**
 * Compares prod's listing with what the journal last knew of it: a key that changed or went
 * away behind the pipeline's back (a hand copy, an operation killed before it said so) is
 * owed. A key new to prod was never served, so nothing can be cached under it.
 */
export function noticeProd(
  state: JournalState,
  prod: ReadonlyMap<string, SiteFile>,
  since: string,
): JournalState {
  for (const [key, etag] of Object.entries(state.prod)) {
    if (prod.get(key)?.etag !== etag) state.owed[key] = since;
  }
  state.prod = Object.fromEntries([...prod.values()].map((f) => [f.key, f.etag]));
  return state;
}

/** True when prod's listing says something the journal does not know yet. */
export function prodMoved(state: JournalState, prod: ReadonlyMap<string, SiteFile>): boolean {
  const known = Object.entries(state.prod);
  return known.length !== prod.size || known.some(([key, etag]) => prod.get(key)?.etag !== etag);
}

/** The owed keys no planned invalidation covers yet. */
export function uncoveredOwed(state: JournalState): string[] {
  return Object.entries(state.owed)
    .filter(([key, since]) => !state.invalidating.some((i) => i.keys[key] === since))
    .map(([key]) => key);
}

/**
 * Plans one invalidation of every owed key not yet covered, under `ref` (a retry with the same
 * reference finds the same invalidation). It starts only once `afterRelease` is recorded.
 */
export function planInvalidation(
  state: JournalState,
  ref: string,
  afterRelease: string | null,
  only?: readonly string[],
): JournalState {
  const keys = uncoveredOwed(state).filter((k) => !only || only.includes(k));
  if (keys.length === 0 || state.invalidating.some((i) => i.ref === ref)) return state;
  state.invalidating.push({
    ref,
    keys: Object.fromEntries(keys.map((k) => [k, state.owed[k]!])),
    paths: invalidationPathsFor(keys),
    after_release: afterRelease,
    reports: [],
  });
  return state;
}

/** An invalidation completed on every distribution: the keys it covered are no longer owed. */
export function completeInvalidation(state: JournalState, done: PlannedInvalidation): JournalState {
  state.invalidating = state.invalidating.filter((i) => i.ref !== done.ref);
  for (const [key, since] of Object.entries(done.keys)) {
    if (state.owed[key] === since) delete state.owed[key];
  }
  return state;
}

/** A completed invalidation of `paths` made outside the journal (`qdn deploy invalidate`). */
export function clearCoveredBy(state: JournalState, paths: readonly string[]): JournalState {
  for (const key of Object.keys(state.owed)) {
    if (pathsCoverKey(paths, key)) delete state.owed[key];
  }
  return state;
}

/**
 * Pruned assets go once nothing is owed: until then a page the edge still holds may name them.
 * An asset the release prod now holds (a rollback brought it back) is never deleted.
 */
export function prunableNow(state: JournalState): string[] {
  if (Object.keys(state.owed).length > 0 || state.intent !== null) return [];
  const held = state.release?.files ?? {};
  return state.prune_later.filter((key) => !(key in held));
}

export function forgetPruned(state: JournalState, deleted: readonly string[]): JournalState {
  const gone = new Set(deleted);
  state.prune_later = state.prune_later.filter(
    (k) => !gone.has(k) && !(k in (state.release?.files ?? {})),
  );
  for (const key of deleted) delete state.prod[key];
  return state;
}
