/** CloudFront's limit on paths in one invalidation batch. */
export const MAX_INVALIDATION_PATHS = 3000;
/** CloudFront's limit on wildcard paths in progress at once. */
export const MAX_WILDCARD_PATHS = 15;

/**
 * Throws a clear Error unless `paths` is a batch CloudFront accepts. Checked before sending so a
 * bad batch costs no request (and no share of the monthly free paths); shared by both Cdn
 * adapters, so the local edge refuses exactly the batches CloudFront would.
 */
export function assertInvalidationPaths(paths: readonly string[]): void {
  if (paths.length === 0) throw new Error('An invalidation needs at least one path.');
  if (paths.length > MAX_INVALIDATION_PATHS) {
    throw new Error(
      `CloudFront takes at most ${MAX_INVALIDATION_PATHS} paths per invalidation; got ${paths.length}.`,
    );
  }
  for (const p of paths) {
    if (!p.startsWith('/')) throw new Error(`Invalidation path "${p}" must start with "/".`);
    const star = p.indexOf('*');
    if (star !== -1 && star !== p.length - 1) {
      throw new Error(`Invalidation path "${p}": "*" is allowed only as the last character.`);
    }
  }
  const wildcards = paths.filter((p) => p.endsWith('*')).length;
  if (wildcards > MAX_WILDCARD_PATHS) {
    throw new Error(
      `CloudFront takes at most ${MAX_WILDCARD_PATHS} wildcard paths at once; got ${wildcards}.`,
    );
  }
}
