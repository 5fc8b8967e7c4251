import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { siteFileRules } from '../../src/core/site/site-file-rules';
import {
  healthDocument,
  parseSiteManifest,
  SITE_MANIFEST_NAME,
} from '../../src/core/site/site-manifest';
import { SITE_HEALTH_KEY } from '../../src/shared/site-keys';
import type { SiteManifest } from '../../src/core/site/site-manifest';
import { isValidKey } from '../../src/core/storage/object-store';

const SITE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUILD_ID_PLACEHOLDER = '__QDN_BUILD_ID__';

/** Pages and the script each one inlines. */
const PAGES = [
  { html: 'track.html', entry: 'src/track.ts', css: 'src/site.css', connect: '' },
  // The booking form posts straight to the data bucket's S3 endpoint (the local edge in the sandbox).
  {
    html: 'book.html',
    entry: 'src/book.ts',
    css: 'src/book.css',
    connect: ' https://*.amazonaws.com',
  },
  // Served for any unknown path (a CloudFront custom error response for 403/404).
  { html: '404.html', entry: 'src/not-found.ts', css: 'src/site.css', connect: '' },
] as const;

/** The app's icon, shared with the console window (resources/icon.png is drawn from it). */
const ICON_PATH = path.join(SITE_DIR, '..', 'resources', 'icon.svg');

export interface SiteBuild {
  buildId: string;
  /** Paths relative to outDir, with `/` separators: the site, without the manifest. */
  files: string[];
  /** What was written to `<outDir>/${typeof SITE_MANIFEST_NAME}`. */
  manifest: SiteManifest;
}

function sha256(data: string): Buffer {
  return createHash('sha256').update(data, 'utf8').digest();
}

export function cspHash(content: string): string {
  return `'sha256-${sha256(content).toString('base64')}'`;
}

async function bundleScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SITE_DIR, entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text.trim() ?? '';
  if (code === '') throw new Error(`esbuild produced no output for ${entry}`);
  // A literal close tag would end the inline <script> early.
  if (/<\/script/i.test(code)) throw new Error(`${entry} bundles a literal </script>`);
  return code;
}

async function bundleStyle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SITE_DIR, entry)],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  // esbuild keeps custom properties' values verbatim, the space after the colon included.
  const css = (result.outputFiles[0]?.text.trim() ?? '').replace(/(--[\w-]+): /g, '$1:');
  if (/<\/style/i.test(css)) throw new Error('site.css contains a literal </style>');
  return css;
}

function renderPage(
  template: string,
  name: string,
  script: string,
  css: string,
  icon: string,
  connect = '',
): string {
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(css)}`,
    `connect-src 'self'${connect}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
  ].join(';');
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<meta name="qdn-build" content="${BUILD_ID_PLACEHOLDER}">`,
    `<link rel="icon" type="image/svg+xml" href="/${icon}">`,
    `<style>${css}</style>`,
  ].join('');
  const replaceMarker = (html: string, marker: string, value: string): string => {
    if (!html.includes(marker)) throw new Error(`${name} has no ${marker} marker`);
    // A function replacement: `$` in minified code must not be read as a pattern.
    return html.replace(marker, () => value);
  };
  // Indentation and the line breaks between tags are a tenth of a page's bytes on a phone's
  // slow link (the templates put no inline elements on lines of their own, so none matters).
  // The parser infers <head>, <body> and the closing tags of head, body and html (the HTML
  // standard's optional tags): 33 bytes more of every page that need not cross the link.
  const tight = template
    .replace(/\n[ \t]+/g, '\n')
    .replace(/>\n+</g, '><')
    .replace(/ \/>/g, '>')
    .replace(/<\/?(?:head|body)>|<\/html>/g, '');
  let html = replaceMarker(tight, '<!-- qdn:head -->', head);
  html = replaceMarker(html, '<!-- qdn:script -->', `<script>${script}</script>`);
  return html;
}

/**
 * Builds the public site into outDir: pages with their script and CSS inlined (page + status
 * JSON are then the only requests on the critical path), a CSP pinned to those inline hashes,
 * and a build id derived from the output, so identical sources give identical ids.
 */
export async function buildSite(outDir: string): Promise<SiteBuild> {
  const [styles, scripts] = await Promise.all([
    Promise.all(PAGES.map((page) => bundleStyle(page.css))),
    Promise.all(PAGES.map((page) => bundleScript(page.entry))),
  ]);
  const iconSvg = await readFile(ICON_PATH, 'utf8');
  const icon = `assets/icon-${sha256(iconSvg).toString('hex').slice(0, 8)}.svg`;

  const outputs = new Map<string, string>();
  outputs.set(icon, iconSvg);
  for (const [i, page] of PAGES.entries()) {
    const template = await readFile(path.join(SITE_DIR, page.html), 'utf8');
    const html = renderPage(
      template,
      page.html,
      scripts[i] ?? '',
      styles[i] ?? '',
      icon,
      page.connect,
    );
    outputs.set(page.html, html);
  }

  // The build id covers the pages and assets; health.json only carries it, so it stays out.
  const digest = createHash('sha256');
  for (const name of [...outputs.keys()].sort()) {
    digest.update(`${name}\0${outputs.get(name) ?? ''}\0`);
  }
  const buildId = digest.digest('hex').slice(0, 12);

  const files = new Map<string, Buffer>();
  for (const [name, content] of outputs) {
    files.set(name, Buffer.from(content.replaceAll(BUILD_ID_PLACEHOLDER, buildId)));
  }
  files.set(SITE_HEALTH_KEY, Buffer.from(healthDocument(buildId)));
  const keys = [...files.keys()].sort();

  await clearPreviousBuild(outDir, new Set(keys));
  for (const key of keys) {
    const file = path.join(outDir, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, files.get(key) ?? '');
  }
  const manifest = manifestOf(buildId, keys, files);
  // Written last: a build cut short leaves no manifest claiming files it never wrote.
  await writeFile(path.join(outDir, SITE_MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return { buildId, files: keys, manifest };
}

function manifestOf(buildId: string, keys: string[], files: Map<string, Buffer>): SiteManifest {
  const entries: SiteManifest['files'] = {};
  for (const key of keys) {
    const bytes = files.get(key) ?? Buffer.alloc(0);
    const rules = siteFileRules(key);
    entries[key] = {
      content_type: rules.contentType,
      cache_control: rules.cacheControl,
      size: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
    };
  }
  return { schema: 1, build_id: buildId, files: entries };
}

/**
 * Removes the previous manifest and the files it listed that this build does not write (an old
 * hashed icon), so the folder holds one build. Files the manifest never listed are not ours to
 * delete; an unreadable manifest is dropped without removing anything.
 */
async function clearPreviousBuild(outDir: string, keep: Set<string>): Promise<void> {
  const manifestPath = path.join(outDir, SITE_MANIFEST_NAME);
  const text = await readFile(manifestPath, 'utf8').catch(() => null);
  if (text === null) return;
  let previous: string[] = [];
  try {
    previous = Object.keys(parseSiteManifest(text, manifestPath).files);
  } catch {
    previous = [];
  }
  await rm(manifestPath, { force: true });
  for (const key of previous) {
    if (keep.has(key) || !isValidKey(key) || key === SITE_MANIFEST_NAME) continue;
    await rm(path.join(outDir, ...key.split('/')), { force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = path.resolve(process.argv[2] ?? 'out/site');
  buildSite(outDir).then(
    ({ buildId, files }) => {
      console.log(
        `Built site ${buildId} into ${outDir}: ${files.join(', ')} (+ ${SITE_MANIFEST_NAME})`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
