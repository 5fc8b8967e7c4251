/**
 * Cache-Control per public file type:
 * - hashed assets never change under their name: cache for a year, immutable;
 * - HTML names are stable: browsers revalidate after a minute, the CDN keeps it until a deploy
 *   invalidates it;
 * - anything else: short.
 */
export function cacheControlFor(key: string): string {
  if (key.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (key.endsWith('.html')) return 'public, max-age=60, s-maxage=86400';
  return 'public, max-age=300';
}
