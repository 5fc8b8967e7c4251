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

/** A status document is read at its own path and through the page route that names its token. */
const STATUS_DOCUMENT = /^api\/track\/([^/]+)\.json$/;

/** Every path the edge may cache `key` under: its own, and the routes rewritten onto it. */
export function pathsOfKey(key: string): string[] {
  const paths = [
    `/${key.split('/').map(encodeURIComponent).join('/')}`,
    ...(ROUTED_PAGES[key] ?? []),
  ];
  const token = STATUS_DOCUMENT.exec(key)?.[1];
  if (token !== undefined) paths.push(`/track/${token}`);
  return paths;
}

/** The paths to invalidate after `keys` changed or were removed in prod. */
export function invalidationPathsFor(keys: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const key of keys) for (const p of pathsOfKey(key)) paths.add(p);
  return withinLimits([...paths].sort());
}

/** Whether an invalidation of `paths` clears every path the edge may cache `key` under. */
export function pathsCoverKey(paths: readonly string[], key: string): boolean {
  return pathsOfKey(key).every((wanted) =>
    paths.some((p) => (p.endsWith('*') ? wanted.startsWith(p.slice(0, -1)) : p === wanted)),
  );
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
