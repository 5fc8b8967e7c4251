import { createHash } from 'node:crypto';

/**
 * Quoted MD5 hex of the bytes — S3's ETag for a single-part upload, so a local comparison
 * tells whether an upload would change anything.
 */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}
