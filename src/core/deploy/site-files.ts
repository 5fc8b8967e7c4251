import type { SiteFile } from '../../shared/deploy/deploy-api';
import { isSiteDataKey, SITE_HEALTH_KEY } from '../../shared/site-keys';
import type { ObjectStore } from '../storage/object-store';

/** The site's files in a target (bucket or folder), by key. */
export async function listSiteFiles(store: ObjectStore): Promise<Map<string, SiteFile>> {
  const files = new Map<string, SiteFile>();
  for (const meta of await store.list('')) {
    if (isSiteDataKey(meta.key)) continue;
    files.set(meta.key, { key: meta.key, etag: meta.etag, size: meta.size });
  }
  return files;
}

/** Pages last: a page goes live only once every asset it references is in place. */
export function assetsBeforePages(keys: Iterable<string>): { assets: string[]; pages: string[] } {
  const sorted = [...keys].sort();
  return {
    assets: sorted.filter((k) => !k.endsWith('.html')),
    pages: sorted.filter((k) => k.endsWith('.html')),
  };
}

/** The build id a target carries in its health document, null when it has none or it is broken. */
export async function buildIdOf(store: ObjectStore): Promise<string | null> {
  const health = await store.get(SITE_HEALTH_KEY);
  if (!health) return null;
  try {
    const parsed = JSON.parse(health.body.toString('utf8')) as { build_id?: unknown };
    return typeof parsed.build_id === 'string' ? parsed.build_id : null;
  } catch {
    return null; // a hand-edited health document: the id is unknown, the deploy still works
  }
}
