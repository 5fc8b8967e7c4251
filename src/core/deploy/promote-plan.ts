import { createHash } from 'node:crypto';
import type { PromotePlan, SiteFile } from '../../shared/deploy/deploy-api';
import { invalidationPathsFor } from './invalidation-paths';

/**
 * What promoting staging to prod changes, from both sides' listings. The id fingerprints both
 * listings, so a promote confirmed against one plan stops if either side moved since.
 */
export function planPromote(
  staging: ReadonlyMap<string, SiteFile>,
  prod: ReadonlyMap<string, SiteFile>,
  buildId: string | null,
): PromotePlan {
  const changed: string[] = [];
  const added: string[] = [];
  const unchanged: string[] = [];
  for (const [key, file] of staging) {
    const live = prod.get(key);
    if (!live) added.push(key);
    else if (live.etag !== file.etag || live.size !== file.size) changed.push(key);
    else unchanged.push(key);
  }
  const removed = [...prod.keys()].filter((key) => !staging.has(key));
  return {
    id: fingerprint(staging, prod),
    buildId,
    changed: changed.sort(),
    added: added.sort(),
    removed: removed.sort(),
    unchanged: unchanged.sort(),
    // New keys were never served, so nothing cached under them needs clearing.
    invalidationPaths: changed.length > 0 ? invalidationPathsFor(changed) : [],
  };
}

function fingerprint(...sides: ReadonlyMap<string, SiteFile>[]): string {
  const hash = createHash('sha256');
  for (const side of sides) {
    for (const key of [...side.keys()].sort()) {
      const file = side.get(key)!;
      hash.update(`${key}\0${file.etag}\0${file.size}\n`);
    }
    hash.update('\u0001');
  }
  return hash.digest('hex').slice(0, 16);
}
