import type { SiteFile } from '../../shared/deploy/deploy-api';
import type { ObjectStore } from '../storage/object-store';

/**
 * Keys in a site bucket that are data, not the site: status documents and the booking upload
 * policy are written by the console as jobs change, so a deploy never copies, prunes or rolls
 * them back — a rollback must not bring back a revoked customer's page.
 */
export function isSiteDataKey(key: string): boolean {
  return (
    key.startsWith('api/track/') || key === 'api/book-upload.json' || key === 'api/business.json'
  );
}

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

/** The build id a target carries in `api/health.json`, null when it has none or it is broken. */
export async function buildIdOf(store: ObjectStore): Promise<string | null> {
  const health = await store.get('api/health.json');
  if (!health) return null;
  try {
    const parsed = JSON.parse(health.body.toString('utf8')) as { build_id?: unknown };
    return typeof parsed.build_id === 'string' ? parsed.build_id : null;
  } catch {
    return null; // a hand-edited health document: the id is unknown, the deploy still works
  }
}
