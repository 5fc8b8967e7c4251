import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../site/build/build-site';
import type { SiteBuild } from '../../site/build/build-site';

const PAGES = ['track.html', 'book.html'];
const SIZE_BUDGET = 15 * 1024;

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
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
        "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
      ].join('; '),
    );
    // The CSP meta only governs what follows it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).toContain(`<meta name="qdn-build" content="${first.buildId}" />`);
    expect(html).toMatch(
      /<link rel="icon" type="image\/svg\+xml" href="\/assets\/icon-[0-9a-f]{8}\.svg" \/>/,
    );
    expect(html).not.toContain('qdn:head');
    expect(html).not.toContain('qdn:script');
    expect(script).not.toContain('innerHTML');
    expect(script).not.toContain('outerHTML');
    expect(script).not.toContain('insertAdjacentHTML');
    expect(Buffer.byteLength(html)).toBeLessThan(SIZE_BUDGET);
  });

  it('keeps the ids and messages the tracking page promises', async () => {
    const html = await readFile(path.join(outDir, 'track.html'), 'utf8');
    for (const id of ['greeting', 'status', 'problem', 'timeline', 'refresh-note']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<div id="problem" role="alert" tabindex="-1" hidden></div>');
    expect(html).toContain('<p id="status" aria-live="polite"></p>');
    expect(html).toContain('This tracking link looks incomplete.');
    expect(html).toContain("If you're expecting a pickup, reply to the text message");
  });

  it('derives a deterministic 12-hex build id from the output', async () => {
    expect(first.buildId).toMatch(/^[0-9a-f]{12}$/);
    const dir = await freshDir();
    const second = await buildSite(dir);
    expect(second.buildId).toBe(first.buildId);
    for (const file of first.files) {
      expect(await readFile(path.join(dir, file), 'utf8')).toBe(
        await readFile(path.join(outDir, file), 'utf8'),
      );
    }
  }, 60_000);
});
