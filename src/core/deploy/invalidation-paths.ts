import { MAX_INVALIDATION_PATHS, MAX_WILDCARD_PATHS } from '../cdn/invalidation-limits';

/**
 * The pretty routes the viewer-request function (site/edge/viewer-request.js) rewrites onto a
 * page. CloudFront caches under the rewritten URI, but AWS advises invalidating the viewer's
 * paths too, so a changed page invalidates both.
 */
const ROUTED_PAGES: Record<string, string[]> = {
  'track.html': ['/track', '/track/*'],
  'book.html': ['/book', '/book/*'],
  'index.html': ['/'],
};

/** Past this many single paths, one wildcard per top-level folder is cheaper (a wildcard costs one path). */
const COLLAPSE_ABOVE = 100;

/** The paths to invalidate after `keys` changed or were removed in prod. */
export function invalidationPathsFor(keys: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const key of keys) {
    paths.add(`/${key.split('/').map(encodeURIComponent).join('/')}`);
    for (const route of ROUTED_PAGES[key] ?? []) paths.add(route);
  }
  return withinLimits([...paths].sort());
}

function withinLimits(paths: string[]): string[] {
  if (paths.length <= COLLAPSE_ABOVE) return paths;
  const collapsed = new Set<string>();
  for (const p of paths) {
    const slash = p.indexOf('/', 1);
    collapsed.add(slash === -1 || p.endsWith('*') ? p : `${p.slice(0, slash)}/*`);
  }
  const wildcards = [...collapsed].filter((p) => p.endsWith('*')).length;
  if (wildcards > MAX_WILDCARD_PATHS || collapsed.size > MAX_INVALIDATION_PATHS) return ['/*'];
  return [...collapsed].sort();
}
