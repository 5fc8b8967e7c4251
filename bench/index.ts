// `npm run bench`: runs every bench file in this folder, one process each, in name order.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const skip = new Set([
  'index.ts',
  'lib.ts',
  'baseline.ts',
  'latency-proxy.ts',
  's3-world.ts',
  'promote-floor.ts',
  'profile-promote.ts', // a tool to run by hand, not a bench
]);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !skip.has(f))
  .sort();
/** Files that failed or report a target missed (they exit non-zero), named at the end. */
const failed: string[] = [];
for (const file of files) {
  console.log(`\n## bench/${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed.push(`bench/${file}`);
}
if (failed.length > 0) console.log(`\nMissed a target or failed: ${failed.join(', ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;
