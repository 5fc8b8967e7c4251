import type { DeployContext } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { DeployJournal } from './deploy-journal';
import type { JournalRead } from './deploy-journal';
import { oweKeys } from './owed-invalidations';
import { Releases } from './releases';
import type { Release } from './releases';

/**
 * The journal, or — on a workspace deployed before it existed, or whose journal is unreadable —
 * one rebuilt from what the bucket says: the newest readable release is what prod holds, and
 * what it changed is owed unless the history shows a completed invalidation for it. Nothing is
 * written here; the first command that changes the journal writes the rebuilt one.
 */
export async function readJournal(ctx: Pick<DeployContext, 'data'>): Promise<JournalRead> {
  const read = await new DeployJournal(ctx.data).read();
  if (read.etag !== null && read.unreadable === null) return read;
  const { releases } = await new Releases(ctx.data).readAll();
  const [current, previous] = releases;
  if (!current) return read;
  const state = read.state;
  state.release = current;
  state.prod = Object.fromEntries(Object.entries(current.files).map(([k, f]) => [k, f.etag]));
  const since = `rebuilt-${current.id}`;
  if (read.unreadable !== null) {
    // What the lost journal owed cannot be known: owe every file, the edge refreshes them all.
    oweKeys(state, Object.keys(current.files), since);
  } else if (previous && !(await invalidatedOnce(ctx, current))) {
    oweKeys(state, changedBetween(previous, current), since);
  }
  return { ...read, state };
}

async function invalidatedOnce(ctx: Pick<DeployContext, 'data'>, release: Release) {
  return (await new DeployHistory(ctx.data).list()).some(
    (h) =>
      h.releaseId === release.id &&
      h.invalidations.length > 0 &&
      h.invalidations.every((i) => i.status === 'Completed'),
  );
}

/** Changed or removed from one release to the next: what the edge may still hold. */
function changedBetween(previous: Release, current: Release): string[] {
  return Object.keys(previous.files).filter(
    (key) => current.files[key]?.etag !== previous.files[key]!.etag,
  );
}
