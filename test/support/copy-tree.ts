import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies a folder of small files (a template workspace) a fault-harness run starts from.
 * `fs.cp` walks the tree one file at a time (~60–110 ms for a workspace of 85 entries here);
 * this copies the files in parallel (~20 ms), which adds up over a few hundred runs.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const target = (e: { parentPath: string; name: string }) =>
    path.join(to, path.relative(from, path.join(e.parentPath, e.name)));
  await mkdir(to, { recursive: true });
  for (const dir of entries
    .filter((e) => e.isDirectory())
    .map(target)
    .sort()) {
    await mkdir(dir, { recursive: true });
  }
  await Promise.all(
    entries
      .filter((e) => e.isFile())
      .map((e) => copyFile(path.join(e.parentPath, e.name), target(e))),
  );
}
