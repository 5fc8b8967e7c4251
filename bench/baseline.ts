// "Today" in the bench tables: the code as it was before issue 9 (commit BASELINE), checked
// out beside this one so both run in the same process, on the same machine, in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASELINE = '337fce5';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Extracts src/, bin/ and site/ of BASELINE into a folder inside the checkout (so node_modules
 * resolve), or null where git history is not at hand. Call `remove` when done.
 */
export function checkoutBaseline(): { dir: string; remove: () => void } | null {
  const dir = mkdtempSync(path.join(root, '.bench-baseline-'));
  try {
    const tar = execFileSync('git', ['archive', BASELINE, 'src', 'bin', 'site'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
