import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A built site in miniature: each version's pages reference that version's hashed script, as
 * the real build does, so a test can tell whether prod ever served a page without its asset.
 */
export async function writeSite(dir: string, version: string, extra: Record<string, string> = {}) {
  const files: Record<string, string> = {
    [`assets/app-${version}.js`]: `console.log(${JSON.stringify(version)});`,
    'track.html': page('track', version),
    'book.html': page('book', version),
    'api/health.json': JSON.stringify({ ok: true, build_id: version }),
    ...extra,
  };
  for (const [key, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, key)), { recursive: true });
    await writeFile(path.join(dir, key), body);
  }
  return files;
}

function page(name: string, version: string): string {
  return `<!doctype html><meta name="qdn-build" content="${version}"><title>${name} ${version}</title><script src="/assets/app-${version}.js"></script>`;
}

/** The asset keys an HTML page references. */
export function referencedAssets(html: string): string[] {
  return [...html.matchAll(/src="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
}
