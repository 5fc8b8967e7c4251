import { expect } from 'vitest';
import { etagOf } from '../../../src/core/storage/etag';
import type { ObjectStore } from '../../../src/core/storage/object-store';

/**
 * What a key can still be brought back to, by ETag: its current object and each listed
 * version. "Nothing lost" is: what was here before is here after.
 */
export async function keptEtags(store: ObjectStore, key: string): Promise<Set<string>> {
  const kept = new Set<string>();
  const current = await store.head(key);
  if (current) kept.add(current.etag);
  for (const version of await store.listVersions(key)) kept.add(version.etag);
  return kept;
}

/** Fails naming the ETags of `before` that `after` no longer holds. */
export function expectNoneLost(
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
  what: string,
): void {
  const lost = [...before].filter((etag) => !after.has(etag));
  expect(lost, `${what}: contents no longer current nor kept as a version`).toEqual([]);
}

/**
 * Every listed version reads back to the bytes it is listed with. Rebuilding a folder version
 * reads the deltas above it, so this costs O(versions²) reads: check it where it matters.
 */
export async function expectAllReadable(store: ObjectStore, key: string): Promise<void> {
  for (const version of await store.listVersions(key)) {
    const body = (await store.getVersion(key, version.versionId))?.body;
    expect(body && etagOf(body), `${key} version ${version.versionId}`).toBe(version.etag);
  }
}

/** The id of the newest earlier version holding exactly `body`, if one does. */
export async function versionHolding(
  store: ObjectStore,
  key: string,
  body: Buffer,
): Promise<string | null> {
  const etag = etagOf(body);
  for (const version of await store.listVersions(key)) {
    if (version.etag !== etag) continue;
    const kept = await store.getVersion(key, version.versionId);
    if (kept?.body.equals(body)) return version.versionId;
  }
  return null;
}
