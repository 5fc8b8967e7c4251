import type { EdgeState } from './edge-state';

/** The local edge's admin endpoints (local-edge.ts serves them). */
export const EDGE_ADMIN_PATHS = {
  invalidations: '/.qdn/invalidations',
  reload: '/.qdn/reload',
} as const;

/**
 * Tells one running local edge to apply an invalidation or reload its function, with the admin
 * key from its record. False when it does not answer in time or refuses: callers retry later.
 */
export async function notifyEdge(
  edge: Pick<EdgeState, 'url' | 'admin_key'>,
  action: keyof typeof EDGE_ADMIN_PATHS,
  body: unknown = {},
): Promise<boolean> {
  try {
    const res = await fetch(edge.url + EDGE_ADMIN_PATHS[action], {
      method: 'POST',
      headers: { 'x-qdn-admin-key': edge.admin_key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch (err) {
    if (isNoAnswer(err)) return false;
    throw err;
  }
}

/** fetch's ways of saying the edge did not answer: refused or reset (TypeError), or timed out. */
function isNoAnswer(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'TypeError' || err.name === 'TimeoutError' || err.name === 'AbortError')
  );
}
