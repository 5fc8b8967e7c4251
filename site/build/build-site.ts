import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const SITE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUILD_ID_PLACEHOLDER = '__QDN_BUILD_ID__';

/** Pages and the script each one inlines. */
const PAGES = [
  { html: 'track.html', entry: 'src/track.ts' },
  { html: 'book.html', entry: 'src/book.ts' },
] as const;

/** The app's icon, shared with the console window (resources/icon.png is drawn from it). */
const ICON_PATH = path.join(SITE_DIR, '..', 'resources', 'icon.svg');

export interface SiteBuild {
  buildId: string;
  /** Paths relative to outDir, with `/` separators. */
  files: string[];
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
    target: 'es2019',
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

async function bundleStyle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SITE_DIR, 'src/site.css')],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const css = result.outputFiles[0]?.text.trim() ?? '';
  if (/<\/style/i.test(css)) throw new Error('site.css contains a literal </style>');
  return css;
}

function renderPage(
  template: string,
  name: string,
  script: string,
  css: string,
  icon: string,
): string {
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(script)}`,
    `style-src ${cspHash(css)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${csp}" />`,
    `<meta name="qdn-build" content="${BUILD_ID_PLACEHOLDER}" />`,
    `<link rel="icon" type="image/svg+xml" href="/${icon}" />`,
    `<style>${css}</style>`,
  ].join('\n    ');
  const replaceMarker = (html: string, marker: string, value: string): string => {
    if (!html.includes(marker)) throw new Error(`${name} has no ${marker} marker`);
    // A function replacement: `$` in minified code must not be read as a pattern.
    return html.replace(marker, () => value);
  };
  let html = replaceMarker(template, '<!-- qdn:head -->', head);
  html = replaceMarker(html, '<!-- qdn:script -->', `<script>${script}</script>`);
  return html;
}

/**
 * Builds the public site into outDir: pages with their script and CSS inlined (page + status
 * JSON are then the only requests on the critical path), a CSP pinned to those inline hashes,
 * and a build id derived from the output, so identical sources give identical ids.
 */
export async function buildSite(outDir: string): Promise<SiteBuild> {
  const [css, ...scripts] = await Promise.all([
    bundleStyle(),
    ...PAGES.map((page) => bundleScript(page.entry)),
  ]);
  const iconSvg = await readFile(ICON_PATH, 'utf8');
  const icon = `assets/icon-${sha256(iconSvg).toString('hex').slice(0, 8)}.svg`;

  const outputs = new Map<string, string>();
  outputs.set(icon, iconSvg);
  for (const [i, page] of PAGES.entries()) {
    const template = await readFile(path.join(SITE_DIR, page.html), 'utf8');
    outputs.set(page.html, renderPage(template, page.html, scripts[i] ?? '', css ?? '', icon));
  }

  const digest = createHash('sha256');
  for (const name of [...outputs.keys()].sort()) {
    digest.update(`${name}\0${outputs.get(name) ?? ''}\0`);
  }
  const buildId = digest.digest('hex').slice(0, 12);

  for (const [name, content] of outputs) {
    const file = path.join(outDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content.replaceAll(BUILD_ID_PLACEHOLDER, buildId));
  }
  return { buildId, files: [...outputs.keys()].sort() };
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = path.resolve(process.argv[2] ?? 'out/site');
  buildSite(outDir).then(
    ({ buildId, files }) => {
      console.log(`Built site ${buildId} into ${outDir}: ${files.join(', ')}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
