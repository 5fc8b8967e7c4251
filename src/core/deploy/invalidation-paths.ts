import { edgePathsOfKey } from '../../shared/site-keys';
import { MAX_INVALIDATION_PATHS, MAX_WILDCARD_PATHS } from '../cdn/invalidation-limits';

/** Past this many single paths, one wildcard per top-level folder is cheaper (a wildcard costs one path). */
const COLLAPSE_ABOVE = 100;

/** The paths to invalidate after `keys` changed or were removed in prod. */
export function invalidationPathsFor(keys: Iterable<string>): string[] {
  const paths = new Set<string>();
  for (const key of keys) for (const p of edgePathsOfKey(key)) paths.add(p);
  return withinLimits([...paths].sort());
}

/** Whether an invalidation of `paths` clears every path the edge may cache `key` under. */
export function pathsCoverKey(paths: readonly string[], key: string): boolean {
  return edgePathsOfKey(key).every((wanted) =>
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
