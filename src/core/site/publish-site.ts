import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from '../storage/object-store';
import { contentTypeFor } from '../storage/content-types';
import { etagOf } from '../storage/etag';
import { cacheControlFor } from './site-file-rules';

export interface PublishResult {
  uploaded: string[];
  unchanged: string[];
}

/**
 * Uploads a built site folder to a site target: changed files only, each with its
 * Content-Type and Cache-Control, assets before HTML so a page never references a missing file.
 */
export async function publishSiteFolder(dir: string, target: ObjectStore): Promise<PublishResult> {
  const keys = (await listFiles(dir)).sort(
    (a, b) => Number(a.endsWith('.html')) - Number(b.endsWith('.html')) || (a < b ? -1 : 1),
  );
  const result: PublishResult = { uploaded: [], unchanged: [] };
  for (const key of keys) {
    const body = await readFile(path.join(dir, ...key.split('/')));
    const current = await target.head(key);
    if (current?.etag === etagOf(body)) {
      result.unchanged.push(key);
      continue;
    }
    await target.put(key, body, {
      contentType: contentTypeFor(key),
      cacheControl: cacheControlFor(key),
    });
    result.uploaded.push(key);
  }
  return result;
}

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}
