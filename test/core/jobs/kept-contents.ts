import { expect } from 'vitest';
import { etagOf } from '../../../src/core/storage/etag';
import type { ObjectStore } from '../../../src/core/storage/object-store';

/**
 * Every content a key can still be brought back to: its current bytes and each earlier
 * version's, by MD5. "Nothing lost" is: what was here before is here after.
 */
export async function keptContents(store: ObjectStore, key: string): Promise<Map<string, Buffer>> {
  const kept = new Map<string, Buffer>();
  const current = await store.get(key);
  if (current) kept.set(etagOf(current.body), current.body);
  for (const version of await store.listVersions(key)) {
    const body = (await store.getVersion(key, version.versionId))?.body;
    if (body) kept.set(etagOf(body), body);
  }
  return kept;
}

/** Fails naming the first content of `before` that `after` no longer holds. */
export function expectNoneLost(
  before: ReadonlyMap<string, Buffer>,
  after: ReadonlyMap<string, Buffer>,
  what: string,
): void {
  const lost = [...before.keys()].filter((etag) => !after.has(etag));
  expect(lost, `${what}: contents no longer current nor kept as a version`).toEqual([]);
}

/** The id of the newest earlier version holding exactly `body`, if one does. */
export async function versionHolding(
  store: ObjectStore,
  key: string,
  body: Buffer,
): Promise<string | null> {
  for (const version of await store.listVersions(key)) {
    const kept = await store.getVersion(key, version.versionId);
    if (kept?.body.equals(body)) return version.versionId;
  }
  return null;
}
