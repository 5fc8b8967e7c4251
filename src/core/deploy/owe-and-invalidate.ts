import type { InvalidationReport } from '../../shared/deploy/deploy-api';
import type { Cdn } from '../cdn/cdn';
import type { ObjectStore } from '../storage/object-store';
import { DeployJournal } from './deploy-journal';
import { oweKeys, planInvalidation } from './owed-invalidations';
import { readJournal } from './read-journal';
import { startOnEvery } from './settle-journal';

/**
 * For a change of data keys in prod outside a deploy (a revoked or rotated link's status
 * document): owes them and plans their invalidation in the journal (one round trip), then
 * starts it on every distribution. Stopped after the journal write, the next deploy command
 * or status starts it; the keys stay owed until it completes.
 */
export async function oweAndInvalidate(
  port: { data: ObjectStore; cdns(): Promise<Cdn[]> },
  keys: readonly string[],
  ref: string,
): Promise<InvalidationReport[]> {
  const journal = new DeployJournal(port.data);
  const [read, cdns] = await Promise.all([readJournal(port), port.cdns()]);
  const planned = await journal.update(
    (s) => planInvalidation(oweKeys(s, keys, ref), ref, null, keys),
    read,
  );
  const entry = planned.state.invalidating.find((i) => i.ref === ref);
  return entry ? startOnEvery(cdns, entry, { report: () => {} }) : [];
}
