import { contentTypeFor } from '../storage/content-types';

/** How one public site file is served: the headers its object carries in the bucket. */
export interface SiteFileRules {
  contentType: string;
  cacheControl: string;
}

/** A name never changes content: browsers and the CDN keep it for a year without asking. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * HTML names are stable, so browsers revalidate every time (a 304 costs little) and never show an
 * old page after a deploy; the CDN keeps it until the deploy's invalidation replaces it. A long
 * CDN TTL rather than a day also means a forgotten invalidation shows up at once (in the sandbox
 * edge too) instead of healing itself overnight and hiding the bug — the deploy's verify step
 * then catches it.
 */
export const HTML_CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=31536000';

/** The site's own JSON (`api/health.json`) must follow a deploy within seconds, everywhere. */
export const API_CACHE_CONTROL = 'public, max-age=5, s-maxage=5';

/** Anything else keeps a stable name that may change: short. */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=300';

/**
 * `icon-1a2b3c4d.svg`, `app.1a2b3c4d5e.js`: a content hash of 8+ hex digits before the extension.
 * At least one must be a letter, so a dated name (`flyer-20261129.pdf`) that may be replaced in
 * place is not cached for a year; a hash without letters merely gets the short rule.
 */
const HASHED_NAME = /[.-](?=[0-9]*[a-f])[0-9a-f]{8,}\.[0-9a-z]+$/i;

/** Cache-Control for a public site file, from its key. */
export function cacheControlFor(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (key.startsWith('assets/') || HASHED_NAME.test(name)) return IMMUTABLE_CACHE_CONTROL;
  if (key.endsWith('.html')) return HTML_CACHE_CONTROL;
  if (key.startsWith('api/') && key.endsWith('.json')) return API_CACHE_CONTROL;
  return DEFAULT_CACHE_CONTROL;
}

/**
 * Content-Type and Cache-Control for a public site file. The build records them in its
 * manifest; the deploy pipeline applies them to a folder that has none.
 */
export function siteFileRules(key: string): SiteFileRules {
  return { contentType: contentTypeFor(key), cacheControl: cacheControlFor(key) };
}
