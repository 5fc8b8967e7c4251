import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'quickdumpnow-dispatch';

/**
 * The app's own folder (where package.json is), found by walking up from this module — the
 * same answer from the TypeScript sources (CLI, tests) and from the bundled Electron main.
 */
export function appRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} folder.`);
  }
}

/** The built public site (`npm run build` writes it). */
export function builtSiteDir(root = appRoot()): string {
  return path.join(root, 'out', 'site');
}

/** The CloudFront Function source, deployed as is. */
export function edgeFunctionPath(root = appRoot()): string {
  return path.join(root, 'site', 'edge', 'viewer-request.js');
}
