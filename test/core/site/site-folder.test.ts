import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileBytes, readSiteFolder } from '../../../src/core/site/site-folder';
import { SITE_MANIFEST_NAME } from '../../../src/core/site/site-manifest';
import type { SiteManifest } from '../../../src/core/site/site-manifest';
import { QdnError } from '../../../src/shared/errors';

const md5 = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('hex');
const TRACK = '<!doctype html><meta name="qdn-build" content="meta0build1" /><p>track</p>';
const BOOK = '<!doctype html><p>book</p>';
const ICON = Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x00, 0xff, 0xfe]);

// No mocks: real folders in the OS temp dir, written as a build (or a person) would.
describe('readSiteFolder', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qdn-site-folder-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(key: string, content: Buffer | string): Promise<void> {
    const file = path.join(dir, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  async function writeSite(): Promise<void> {
    await write('track.html', TRACK);
    await write('book.html', BOOK);
    await write('assets/icon-1a2b3c4d.svg', ICON);
  }

  function manifestFor(files: Record<string, Buffer | string>): SiteManifest {
    const entries: SiteManifest['files'] = {};
    for (const [key, bytes] of Object.entries(files)) {
      entries[key] = {
        content_type: `custom/${key.split('.').pop() ?? ''}`,
        cache_control: `max-age=${Buffer.byteLength(bytes)}`,
        size: Buffer.byteLength(bytes),
        md5: md5(bytes),
      };
    }
    return { schema: 1, build_id: 'manifest0id1', files: entries };
  }

  it('takes headers and build id from the manifest, and leaves the manifest out', async () => {
    await writeSite();
    await write('api/health.json', '{"ok":true,"build_id":"health0id11"}');
    const manifest = manifestFor({ 'track.html': TRACK, 'book.html': BOOK });
    await write(SITE_MANIFEST_NAME, JSON.stringify(manifest));

    const folder = await readSiteFolder(dir);
    expect(folder.dir).toBe(path.resolve(dir));
    expect(folder.buildId).toBe('manifest0id1');
    expect(folder.files.map((f) => f.key)).toEqual([
      'api/health.json',
      'assets/icon-1a2b3c4d.svg',
      'book.html',
      'track.html',
    ]);
    const track = folder.files.find((f) => f.key === 'track.html');
    expect(track).toEqual({
      key: 'track.html',
      path: path.join(dir, 'track.html'),
      size: Buffer.byteLength(TRACK),
      etag: `"${md5(TRACK)}"`,
      contentType: 'custom/html',
      cacheControl: `max-age=${Buffer.byteLength(TRACK)}`,
    });
    // A file the manifest does not list gets the site's rules.
    expect(folder.files.find((f) => f.key === 'assets/icon-1a2b3c4d.svg')).toMatchObject({
      contentType: 'image/svg+xml',
      cacheControl: 'public, max-age=31536000, immutable',
      etag: `"${md5(ICON)}"`,
      size: ICON.length,
    });
  });

  it('without a manifest: headers from the rules, build id from api/health.json', async () => {
    await writeSite();
    await write('api/health.json', '{"ok":true,"build_id":"health0id11"}');
    const folder = await readSiteFolder(dir);
    expect(folder.buildId).toBe('health0id11');
    expect(folder.files.map((f) => [f.key, f.contentType, f.cacheControl])).toEqual([
      ['api/health.json', 'application/json', 'public, max-age=5, s-maxage=5'],
      ['assets/icon-1a2b3c4d.svg', 'image/svg+xml', 'public, max-age=31536000, immutable'],
      [
        'book.html',
        'text/html; charset=utf-8',
        'public, max-age=0, must-revalidate, s-maxage=31536000',
      ],
      [
        'track.html',
        'text/html; charset=utf-8',
        'public, max-age=0, must-revalidate, s-maxage=31536000',
      ],
    ]);
  });

  it('falls back to the qdn-build meta of track.html, then to null', async () => {
    await writeSite();
    await write('api/health.json', 'not json');
    expect((await readSiteFolder(dir)).buildId).toBe('meta0build1');
    await write('track.html', '<!doctype html><p>no id</p>');
    expect((await readSiteFolder(dir)).buildId).toBeNull();
  });

  it('computes every ETag and size from the bytes, even when the manifest says otherwise', async () => {
    await writeSite();
    const manifest = manifestFor({ 'track.html': 'what the build wrote', 'book.html': BOOK });
    await write(SITE_MANIFEST_NAME, JSON.stringify(manifest));
    const track = (await readSiteFolder(dir)).files.find((f) => f.key === 'track.html')!;
    expect(track.etag).toBe(`"${md5(TRACK)}"`);
    expect(track.etag).not.toBe(`"${manifest.files['track.html']!.md5}"`);
    expect(track.size).toBe(Buffer.byteLength(TRACK));
    expect((await readFileBytes(track)).toString()).toBe(TRACK);
  });

  it.each([
    ['not JSON', '{"schema":1,', /is not valid JSON/],
    ['another schema', JSON.stringify({ schema: 2, build_id: 'x', files: {} }), /schema/],
    [
      'a bad md5',
      JSON.stringify({
        schema: 1,
        build_id: 'x',
        files: { 'track.html': { content_type: 'a', cache_control: 'b', size: 1, md5: 'zz' } },
      }),
      /files\.track\.html\.md5/,
    ],
  ])('refuses a manifest with %s, naming the file', async (_what, text, detail) => {
    await writeSite();
    await write(SITE_MANIFEST_NAME, text);
    const err = await readSiteFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(path.join(dir, SITE_MANIFEST_NAME));
    expect((err as Error).message).toMatch(detail);
  });

  it('refuses a manifest that lists files the folder lacks, naming them', async () => {
    await writeSite();
    const manifest = manifestFor({ 'track.html': TRACK, 'assets/app-0f0f0f0f.js': 'x' });
    await write(SITE_MANIFEST_NAME, JSON.stringify(manifest));
    await expect(readSiteFolder(dir)).rejects.toThrow(
      `${path.join(dir, SITE_MANIFEST_NAME)} lists files that are not in the folder: assets/app-0f0f0f0f.js`,
    );
  });

  it.each(['track.html', 'book.html'])(
    'a folder without %s is not a built site (bad_request)',
    async (page) => {
      await writeSite();
      await rm(path.join(dir, page));
      const err = await readSiteFolder(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QdnError);
      expect((err as QdnError).code).toBe('bad_request');
      expect((err as QdnError).message).toBe(
        `${path.resolve(dir)} is not a built site: it has no ${page}. Run: npm run build`,
      );
    },
  );

  it('a folder that does not exist is not a built site either', async () => {
    const err = await readSiteFolder(path.join(dir, 'missing')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QdnError);
    expect((err as QdnError).code).toBe('bad_request');
    expect((err as QdnError).message).toMatch(/is not a built site: it has no track\.html/);
  });

  it('publishes names with spaces and Unicode under their composed form, and skips hidden files', async () => {
    await writeSite();
    await write('photos/Mark’s sofa.png', ICON);
    await write('photos/cafe\u0301.png', ICON); // "café" decomposed, as macOS may store it
    await write('.DS_Store', 'finder');
    await write('assets/.icon.svg.swp', 'vim');
    const keys = (await readSiteFolder(dir)).files.map((f) => f.key);
    expect(keys).toEqual([
      'assets/icon-1a2b3c4d.svg',
      'book.html',
      'photos/Mark’s sofa.png', // S3 order: by UTF-8 bytes, capitals first
      'photos/café.png',
      'track.html',
    ]);
    expect(keys).toContain('photos/caf\u00e9.png');
  });

  it('refuses a name that cannot be an object key, naming the file', async () => {
    await writeSite();
    await write('assets/back\\slash.svg', ICON);
    await expect(readSiteFolder(dir)).rejects.toThrow(
      `${path.join(dir, 'assets', 'back\\slash.svg')} cannot be published: its name is not a valid object key.`,
    );
  });

  it('refuses two names that would become the same key', async () => {
    await writeSite();
    await write('caf\u00e9.png', ICON);
    await write('cafe\u0301.png', ICON);
    await expect(readSiteFolder(dir)).rejects.toThrow(/would both be published as "café\.png"/);
  });
});
