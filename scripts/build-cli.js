#!/usr/bin/env node
// Bundles the `qdn` CLI (src/cli/main.ts and what it imports) into out/cli/, so a run starts
// without compiling TypeScript. The AWS SDK stays external and is still imported lazily, only
// by an AWS workspace. Dynamic imports of our own modules become chunks loaded on demand.
// Also writes out/cli/inputs.json, the source files the bundle was built from: bin/qdn.js uses
// the bundle only while none of them is newer (so a source edit never runs a stale bundle).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out', 'cli');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const startedAt = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { qdn: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Small packages go in the bundle: Node compiles one file faster than zod's hundred. The AWS
  // SDK stays outside, loaded (lazily) only by an AWS workspace.
  external: ['@aws-sdk/*', 'electron'],
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __qdnCreateRequire } from 'node:module'; const require = __qdnCreateRequire(import.meta.url);",
  },
  outExtension: { '.js': '.mjs' },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).filter(
  (file) => !file.startsWith('node_modules/'),
);
// The build's start, not its end: a file saved during the build makes the bundle stale.
await writeFile(
  path.join(outdir, 'inputs.json'),
  `${JSON.stringify({ built_at: startedAt, inputs: [...inputs, 'package.json'] }, null, 1)}\n`,
);
console.log(`qdn bundled: out/cli/qdn.mjs from ${inputs.length} source files`);
