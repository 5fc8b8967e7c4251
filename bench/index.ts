// `npm run bench`: runs every bench file in this folder, one process each, in name order.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const skip = new Set(['index.ts', 'lib.ts', 'baseline.ts']);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !skip.has(f))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n## bench/${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
