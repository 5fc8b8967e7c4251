#!/usr/bin/env node
// The `qdn` command. Runs the bundle `npm run build` makes (out/cli/qdn.mjs) while it is
// current: no source file it was built from has changed since. Otherwise — a fresh checkout
// before the build, or a source edited since — it runs the TypeScript sources through tsx, so
// a test or a developer never runs yesterday's code. The check stats the ~100 inputs the
// build recorded (about 1 ms); QDN_FROM_SOURCE=1 skips the bundle.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function currentBundle() {
  if (process.env.QDN_FROM_SOURCE === '1') return null;
  try {
    const { built_at: builtAt, inputs } = JSON.parse(
      readFileSync(path.join(root, 'out', 'cli', 'inputs.json'), 'utf8'),
    );
    for (const input of inputs) {
      if (statSync(path.join(root, input)).mtimeMs >= builtAt) return null;
    }
    return path.join(root, 'out', 'cli', 'qdn.mjs');
  } catch {
    return null; // not built, or an input is gone: the sources decide
  }
}

const bundle = currentBundle();
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
