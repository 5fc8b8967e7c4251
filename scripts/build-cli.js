#!/usr/bin/env node
// Bundles the `qdn` CLI (src/cli/main.ts and what it imports) into one minified CommonJS file,
// out/cli/qdn.cjs, so a run starts without compiling TypeScript. CommonJS, not an ES module,
// because only a classic script can use V8's code cache on Node 20: bin/qdn.js compiles the
// bundle with out/cli/qdn.cjs.v8cache (made here by one warm-up run), which removes most of
// the start-up's compile time (issue 9: ~80 ms of a ~280 ms `qdn job list` went to compiling
// the ES module bundle). Modules the sources import dynamically stay lazy inside the file
// (esbuild evaluates them on first import).
//
// The AWS SDK packages the sources use go into a second bundle, out/cli/aws-sdk.cjs, loaded
// only by an AWS workspace, the first time it imports one of them, and with a code cache of its
// own (scripts/code-cache-loader.js, warmed by scripts/warm-aws-sdk-cache.js): from
// node_modules, Node compiles the S3 client from source on every run, ~65 ms of a `qdn deploy
// promote`'s start-up against ~30 ms from the cache (bench/profile-promote.ts).
// Also writes out/cli/inputs.json, the source files the bundle was built from: bin/qdn.js uses
// the bundle only while none of them is newer (so a source edit never runs a stale bundle).
//
// `--private DIR` builds a frozen copy instead, for a bench: DIR/out/cli/qdn.cjs and
// DIR/bin/qdn.js, listing no inputs (so that bin/qdn.js always runs that bundle), and leaves the
// checkout's out/cli alone, which others may be running. DIR must be inside the checkout, so
// the bundle's require('@aws-sdk/…') finds node_modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--private');
const privateDir = at === -1 ? null : path.resolve(process.argv[at + 1] ?? '');
if (privateDir && path.relative(root, privateDir).startsWith('..')) {
  throw new Error(`--private ${privateDir}: not inside ${root}, where node_modules is`);
}
const base = privateDir ?? root;
const outdir = path.join(base, 'out', 'cli');

/** The SDK packages the sources import (src/core/storage, cdn, inbox, settings). */
const AWS_SDK = [
  '@aws-sdk/client-s3',
  '@aws-sdk/client-cloudfront',
  '@aws-sdk/credential-providers',
  '@aws-sdk/s3-presigned-post',
  '@aws-sdk/client-pinpoint-sms-voice-v2',
  '@aws-sdk/client-sqs',
];
/**
 * In the CLI's bundle, `@aws-sdk/x` becomes the lazily loaded module
 * `require('./code-cache-loader.cjs').loadWithCodeCache(__dirname + '/aws-sdk.cjs')['@aws-sdk/x']()`.
 */
const awsSdkFromItsBundle = {
  name: 'aws-sdk-from-its-bundle',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\// }, (args) => {
      if (!AWS_SDK.includes(args.path)) {
        throw new Error(
          `${args.path} (from ${args.importer}): add it to AWS_SDK in scripts/build-cli.js`,
        );
      }
      return { path: args.path, namespace: 'aws-sdk' };
    });
    b.onResolve({ filter: /^\.\/code-cache-loader\.cjs$/, namespace: 'aws-sdk' }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /.*/, namespace: 'aws-sdk' }, (args) => ({
      contents:
        "const { loadWithCodeCache } = require('./code-cache-loader.cjs');\n" +
        `module.exports = loadWithCodeCache(require('node:path').join(__dirname, 'aws-sdk.cjs'))[${JSON.stringify(args.path)}]();\n`,
      loader: 'js',
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
const startedAt = Date.now();
const minify = process.env.QDN_NO_MINIFY !== '1';
// Each package behind a function, so that loading the file evaluates none of them: CloudFront
// or the presigned POST are evaluated only by the commands that call them.
await build({
  absWorkingDir: root,
  stdin: {
    contents: `module.exports = {\n${AWS_SDK.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n')}\n};\n`,
    resolveDir: root,
    sourcefile: 'aws-sdk-entry.cjs',
    loader: 'js',
  },
  outfile: path.join(outdir, 'aws-sdk.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify,
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/code-cache-loader.js'],
  outfile: path.join(outdir, 'code-cache-loader.cjs'),
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const result = await build({
  absWorkingDir: root,
  entryPoints: { qdn: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Less to read and to hash for the code cache; the source map keeps stack traces readable.
  // QDN_NO_MINIFY=1 keeps names readable in a CPU profile.
  minify,
  // Small packages go in the bundle: Node reads one file faster than zod's hundred. The AWS
  // SDK goes in its own (above), loaded only by an AWS workspace.
  plugins: [awsSdkFromItsBundle],
  external: ['electron'],
  // ...through require(), not import(): a script compiled by node:vm (for the code cache) can
  // only import() behind an experimental flag, and the SDK ships CommonJS too.
  supported: { 'dynamic-import': false },
  // A CommonJS bundle has no import.meta; the sources' one use (app-files.ts) wants the URL
  // of the running file, which the bundle's own __filename gives.
  define: { 'import.meta.url': '__qdnImportMetaUrl' },
  banner: { js: "var __qdnImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// Files only: a plugin's namespaced input (`aws-sdk:@aws-sdk/client-s3`, the SDK bundle's stand-in)
// is no file, and bin/qdn.js, unable to stat it, would run the sources every time.
const inputs = Object.keys(result.metafile.inputs).filter(
  (file) => !file.startsWith('node_modules/') && !/^[a-z-]+:/.test(file),
);
// The build's start, not its end: a file saved during the build makes the bundle stale.
// The SDK is in the bundle now: an `npm install` that changes it (package-lock.json) makes the
// bundle stale too.
const recorded = privateDir
  ? []
  : [...inputs, 'package.json', 'package-lock.json', 'scripts/code-cache-loader.js'];
await writeFile(
  path.join(outdir, 'inputs.json'),
  `${JSON.stringify({ built_at: startedAt, inputs: recorded }, null, 1)}\n`,
);
if (privateDir) {
  mkdirSync(path.join(base, 'bin'), { recursive: true });
  copyFileSync(path.join(root, 'bin', 'qdn.js'), path.join(base, 'bin', 'qdn.js'));
}

// One warm-up run writes the code cache (bin/qdn.js writes it when missing or rejected), with
// the functions a `job list` compiles, so the first real run already starts warm.
const scratch = mkdtempSync(path.join(tmpdir(), 'qdn-build-cli-'));
try {
  execFileSync(
    process.execPath,
    [path.join(base, 'bin', 'qdn.js'), 'job', 'list', '--workspace', scratch],
    { stdio: 'ignore', env: { ...process.env, QDN_FROM_SOURCE: '' } },
  );
} catch (err) {
  console.warn(`qdn: the warm-up run failed (${String(err)}); the first real run makes the cache`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'warm-aws-sdk-cache.js'), outdir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // The SDK's warning about Node 20 is for the person who runs qdn, not for the build.
    env: {
      ...process.env,
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      NODE_NO_WARNINGS: '1',
    },
  });
} catch (err) {
  console.warn(`qdn: the SDK's warm-up failed (${String(err)}); the first AWS run makes its cache`);
}
console.log(
  `qdn bundled: ${path.relative(root, path.join(outdir, 'qdn.cjs'))} from ${inputs.length} source files`,
);
