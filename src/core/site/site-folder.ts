import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { QdnError } from '../../shared/errors';
import { isValidKey } from '../storage/object-store';
import { siteFileRules } from './site-file-rules';
import { BOOKING_PAGE, SITE_HEALTH_KEY, TRACKING_PAGE } from '../../shared/site-keys';
import { parseSiteManifest, SITE_MANIFEST_NAME } from './site-manifest';
import type { SiteManifest } from './site-manifest';

/** One file of a built site folder, as the deploy pipeline uploads it. */
export interface SiteFolderFile {
  /** Object key: the path relative to the folder, `/`-separated, Unicode NFC. */
  key: string;
  /** Absolute path on disk. */
  path: string;
  size: number;
  /** Quoted MD5 of the bytes on disk (S3's single-part ETag) — never taken from the manifest. */
  etag: string;
  contentType: string;
  cacheControl: string;
}

export interface SiteFolder {
  dir: string;
  buildId: string | null;
  /** Sorted by key; the manifest itself is not a site file. */
  files: SiteFolderFile[];
}

/** The folder holds no built site (no folder, or no track.html/book.html): run the build. */
export class SiteNotBuiltError extends QdnError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

/** Pages without which a folder is not a built site (the edge rewrites every route to them). */
const REQUIRED_PAGES = [TRACKING_PAGE, BOOKING_PAGE];

/**
 * Reads a built site folder: every file, its ETag from its bytes, and its headers from the
 * build's manifest when there is one, else from the site's rules. The build id comes from the
 * manifest, else `api/health.json`, else the `qdn-build` meta tag of track.html.
 */
export async function readSiteFolder(dir: string): Promise<SiteFolder> {
  const root = path.resolve(dir);
  const found = await listFolder(root);
  const missing = REQUIRED_PAGES.filter((page) => !found.has(page));
  if (missing.length > 0) {
    throw new SiteNotBuiltError(
      `${root} is not a built site: it has no ${missing.join(' or ')}. Run: npm run build`,
    );
  }
  const manifestPath = path.join(root, SITE_MANIFEST_NAME);
  const manifest = found.has(SITE_MANIFEST_NAME)
    ? parseSiteManifest(await readFile(manifestPath, 'utf8'), manifestPath)
    : null;
  found.delete(SITE_MANIFEST_NAME);
  if (manifest) {
    const absent = Object.keys(manifest.files).filter((key) => !found.has(key));
    if (absent.length > 0) {
      throw new Error(
        `${manifestPath} lists files that are not in the folder: ${absent.join(', ')}. Rebuild the site.`,
      );
    }
  }

  const files: SiteFolderFile[] = [];
  for (const key of [...found.keys()].sort(byUtf8)) {
    const file = found.get(key) ?? '';
    const { size, md5 } = await hashFile(file);
    const listed = manifest?.files[key];
    const rules = listed
      ? { contentType: listed.content_type, cacheControl: listed.cache_control }
      : siteFileRules(key);
    files.push({ key, path: file, size, etag: `"${md5}"`, ...rules });
  }
  return { dir: root, buildId: await buildIdOf(root, manifest, found), files };
}

/** The bytes of one site file, read when it is uploaded. */
export function readFileBytes(file: SiteFolderFile): Promise<Buffer> {
  return readFile(file.path);
}

/** key → absolute path of every regular file under root, keys validated and unique. */
async function listFolder(root: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      // Hidden files (.DS_Store, editor swap files) are never part of a site.
      if (entry.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(childRel);
        continue;
      }
      if (!entry.isFile()) continue;
      // macOS may hand back decomposed names; links and S3 keys use the composed form.
      const key = childRel.normalize('NFC');
      const file = path.join(root, ...childRel.split('/'));
      if (!isValidKey(key)) {
        throw new Error(`${file} cannot be published: its name is not a valid object key.`);
      }
      if (found.has(key)) {
        throw new Error(`${file} and ${found.get(key)} would both be published as "${key}".`);
      }
      found.set(key, file);
    }
  };
  try {
    await walk('');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SiteNotBuiltError(
        `${root} is not a built site: it has no track.html (the folder does not exist). Run: npm run build`,
      );
    }
    throw err;
  }
  return found;
}

async function buildIdOf(
  root: string,
  manifest: SiteManifest | null,
  found: Map<string, string>,
): Promise<string | null> {
  if (manifest) return manifest.build_id;
  const health = found.get(SITE_HEALTH_KEY);
  if (health) {
    const text = await readFile(health, 'utf8'); // listed a moment ago: a failure is real
    try {
      const doc = JSON.parse(text) as { build_id?: unknown };
      if (typeof doc.build_id === 'string' && doc.build_id !== '') return doc.build_id;
    } catch {
      // Not JSON: a broken health document says nothing about the build; the page may say it.
    }
  }
  const html = await readFile(path.join(root, TRACKING_PAGE), 'utf8');
  return /<meta\s+name="qdn-build"\s+content="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** Streams the file: a site may carry images larger than we want to hold just to hash. */
function hashFile(file: string): Promise<{ size: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk: Buffer | string) => {
        // No encoding is set, so chunks are Buffers; the type allows strings all the same.
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        hash.update(bytes);
      })
      .on('error', reject)
      .on('end', () => resolve({ size, md5: hash.digest('hex') }));
  });
}

/** The order S3 lists keys in: by their UTF-8 bytes. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
