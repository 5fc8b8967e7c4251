import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build/build-site';
import type { SiteBuild } from '../../site/build/build-site';
import { readSiteFolder } from '../../src/core/site/site-folder';
import { SITE_MANIFEST_NAME, siteManifestSchema } from '../../src/core/site/site-manifest';

const PAGES = ['track.html', 'book.html', '404.html'];
const SIZE_BUDGET = 15 * 1024;
/**
 * The booking page also carries the request's field rules it shares with ingest
 * (src/shared/inbox/request-fields.ts, dangerous-markup.ts: ~3.3 KB minified), so that what
 * ingest would refuse is refused beside the field before upload (issue 15). 18 KB until issue
 * 18's confirmations repeated what was asked and built their calendar file in the page
 * (site/src/calendar-entry.ts and the zone rule of src/shared/zoned-time.ts: ~1.6 KB): 21,330
 * bytes, ~9 KB gzipped.
 */
const BOOK_BUDGET = 21.5 * 1024;
/**
 * The tracking page with its CSS and script, as a phone on a weak signal downloads it (issue 7).
 * Issue 18's progress stepper, receipt and the cancel's reason and "Book again" took it to 8,950
 * bytes; back within 8 KB at 8,159 (script 5,662, style 1,163, markup 1,302): the route
 * table of site-keys no longer bundled, one element helper, the facts list built by the script,
 * the optional head/body tags left out. The bytes that actually cross the link — the edge
 * compresses HTML — are held too, to 4.5 KB gzipped (4,207).
 */
const TRACK_BUDGET = 8 * 1024;
const TRACK_GZIP_BUDGET = 4.5 * 1024;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Every file under dir, `/`-separated, sorted. */
async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(dir, child)));
    else found.push(child);
  }
  return found.sort();
}

function only(html: string, pattern: RegExp): string {
  const matches = [...html.matchAll(pattern)];
  expect(matches).toHaveLength(1);
  return matches[0]?.[1] ?? '';
}

describe('buildSite', () => {
  const dirs: string[] = [];
  let first: SiteBuild;
  let outDir: string;

  async function freshDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'qdn-site-'));
    dirs.push(dir);
    return dir;
  }

  beforeAll(async () => {
    outDir = await freshDir();
    first = await buildSite(outDir);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes the pages and one content-hashed icon', async () => {
    expect(first.files).toEqual(expect.arrayContaining(PAGES));
    const icons = first.files.filter((f) => f.startsWith('assets/'));
    expect(icons).toHaveLength(1);
    const icon = icons[0] ?? '';
    expect(icon).toMatch(/^assets\/icon-[0-9a-f]{8}\.svg$/);
    const svg = await readFile(path.join(outDir, icon), 'utf8');
    const hash = createHash('sha256').update(svg).digest('hex').slice(0, 8);
    expect(icon).toBe(`assets/icon-${hash}.svg`);
    for (const file of first.files)
      expect((await stat(path.join(outDir, file))).isFile()).toBe(true);
  });

  it.each(PAGES)('%s pins its inline script and style in the CSP', async (page) => {
    const html = await readFile(path.join(outDir, page), 'utf8');
    const script = only(html, /<script>([\s\S]*?)<\/script>/g);
    const style = only(html, /<style>([\s\S]*?)<\/style>/g);
    const csp = only(html, /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/g);
    expect(csp).toBe(
      [
        "default-src 'none'",
        `script-src 'sha256-${sha256Base64(script)}'`,
        `style-src 'sha256-${sha256Base64(style)}'`,
        // The booking page posts straight to the data bucket's S3 endpoint.
        page === 'book.html' ? "connect-src 'self' https://*.amazonaws.com" : "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
      ].join(';'),
    );
    // The CSP meta only governs what follows it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).toContain(`<meta name="qdn-build" content="${first.buildId}">`);
    expect(html).toMatch(
      /<link rel="icon" type="image\/svg\+xml" href="\/assets\/icon-[0-9a-f]{8}\.svg">/,
    );
    expect(html).not.toContain('qdn:head');
    expect(html).not.toContain('qdn:script');
    expect(script).not.toContain('innerHTML');
    expect(script).not.toContain('outerHTML');
    expect(script).not.toContain('insertAdjacentHTML');
    expect(Buffer.byteLength(html)).toBeLessThan(page === 'book.html' ? BOOK_BUDGET : SIZE_BUDGET);
  });

  it('describes the booking page to search engines (Lighthouse SEO), and only that page', async () => {
    const book = await readFile(path.join(outDir, 'book.html'), 'utf8');
    expect(book).toMatch(
      /<meta\s+name="description"\s+content="Book a junk removal pickup[^"]{20,}"/,
    );
    // The tracking and not-found pages are noindex: nothing to describe.
    for (const page of ['track.html', '404.html']) {
      const html = await readFile(path.join(outDir, page), 'utf8');
      expect(html).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('keeps the ids and messages the tracking page promises', async () => {
    const html = await readFile(path.join(outDir, 'track.html'), 'utf8');
    for (const id of [
      'greeting',
      'status',
      'since',
      'problem',
      'steps',
      'receipt',
      'refresh-note',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<div id="problem" role="alert" tabindex="-1" hidden></div>');
    expect(html).toContain('<p id="status" aria-live="polite"></p>');
    expect(html).toContain('This tracking link looks incomplete.');
    expect(html).toContain('This tracking link is no longer valid: the pickup may be finished');
  });

  it('keeps the tracking page within 8 KB (4.5 KB gzipped) with its CSS and script, and asks no third party', async () => {
    const html = await readFile(path.join(outDir, 'track.html'));
    // Script and style are inline: this one file is everything the page downloads before its
    // status document (the icon is not on the critical path).
    expect(html.length).toBeLessThanOrEqual(TRACK_BUDGET);
    expect(gzipSync(html, { level: 9 }).length).toBeLessThanOrEqual(TRACK_GZIP_BUDGET);
    const text = html.toString('utf8');
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/<(?:script|img|iframe)[^>]+src=/);
    expect([...text.matchAll(/<link [^>]*>/g)].map((m) => m[0])).toEqual([
      expect.stringMatching(/^<link rel="icon" [^>]*href="\/assets\//),
    ]);
  });

  it('derives a deterministic 12-hex build id from the output', async () => {
    expect(first.buildId).toMatch(/^[0-9a-f]{12}$/);
    const dir = await freshDir();
    const second = await buildSite(dir);
    expect(second.buildId).toBe(first.buildId);
    expect(await filesUnder(dir)).toEqual(await filesUnder(outDir));
    for (const file of await filesUnder(outDir)) {
      expect(await readFile(path.join(dir, file), 'utf8')).toBe(
        await readFile(path.join(outDir, file), 'utf8'),
      );
    }
  }, 60_000);

  it('writes api/health.json carrying the build id, outside the build id it carries', async () => {
    expect(first.files).toContain('api/health.json');
    const text = await readFile(path.join(outDir, 'api', 'health.json'), 'utf8');
    expect(text).toBe(`{"ok":true,"build_id":"${first.buildId}"}`);
    // The id is the digest of the pages and assets alone (health.json cannot contain its own hash).
    const digest = createHash('sha256');
    for (const file of first.files.filter((f) => f !== 'api/health.json')) {
      const content = (await readFile(path.join(outDir, file), 'utf8')).replaceAll(
        first.buildId,
        '__QDN_BUILD_ID__',
      );
      digest.update(`${file}\0${content}\0`);
    }
    expect(digest.digest('hex').slice(0, 12)).toBe(first.buildId);
  });

  it('writes a manifest that lists every file it wrote, with md5, size and headers', async () => {
    const text = await readFile(path.join(outDir, SITE_MANIFEST_NAME), 'utf8');
    const manifest = siteManifestSchema.parse(JSON.parse(text));
    expect(manifest).toEqual(first.manifest);
    expect(manifest.build_id).toBe(first.buildId);
    const onDisk = (await filesUnder(outDir)).filter((f) => f !== SITE_MANIFEST_NAME);
    expect(Object.keys(manifest.files).sort()).toEqual(onDisk);
    expect(first.files).toEqual(onDisk);
    for (const key of onDisk) {
      const bytes = await readFile(path.join(outDir, key));
      expect(manifest.files[key]).toMatchObject({
        size: bytes.length,
        md5: createHash('md5').update(bytes).digest('hex'),
      });
    }
    const headers = (key: string) => {
      const { content_type, cache_control } = manifest.files[key]!;
      return [content_type, cache_control];
    };
    const html = [
      'text/html; charset=utf-8',
      'public, max-age=0, must-revalidate, s-maxage=31536000',
    ];
    expect(headers('track.html')).toEqual(html);
    expect(headers('book.html')).toEqual(html);
    expect(headers('api/health.json')).toEqual([
      'application/json',
      'public, max-age=5, s-maxage=5',
    ]);
    const icon = onDisk.find((f) => f.startsWith('assets/'))!;
    expect(headers(icon)).toEqual(['image/svg+xml', 'public, max-age=31536000, immutable']);
  });

  it('is read back by readSiteFolder with the same keys, ETags and headers', async () => {
    const folder = await readSiteFolder(outDir);
    expect(folder.buildId).toBe(first.buildId);
    expect(folder.files.map((f) => f.key)).toEqual(first.files);
    for (const file of folder.files) {
      const listed = first.manifest.files[file.key]!;
      expect(file).toMatchObject({
        etag: `"${listed.md5}"`,
        size: listed.size,
        contentType: listed.content_type,
        cacheControl: listed.cache_control,
      });
    }
  });

  it('rebuilding into the same folder removes what its last build wrote and no longer does', async () => {
    const dir = await freshDir();
    await buildSite(dir);
    // A previous build that wrote an icon this one no longer writes, plus a file it never wrote.
    const manifestPath = path.join(dir, SITE_MANIFEST_NAME);
    const previous = siteManifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
    previous.files['assets/icon-00000000.svg'] = { ...previous.files['track.html']! };
    await writeFile(manifestPath, JSON.stringify(previous));
    await writeFile(path.join(dir, 'assets', 'icon-00000000.svg'), '<svg/>');
    await mkdir(path.join(dir, 'extra'));
    await writeFile(path.join(dir, 'extra', 'mine.txt'), 'kept');

    const again = await buildSite(dir);
    const onDisk = await filesUnder(dir);
    expect(onDisk).not.toContain('assets/icon-00000000.svg');
    expect(onDisk).toContain('extra/mine.txt');
    expect(Object.keys(again.manifest.files)).not.toContain('extra/mine.txt');
  }, 60_000);
});
