#!/usr/bin/env node
// The `qdn` command. Runs the bundle `npm run build` makes (out/cli/qdn.cjs) while it is
// current: no source file it was built from has changed since. Otherwise — a fresh checkout
// before the build, or a source edited since — it runs the TypeScript sources through tsx, so
// a test or a developer never runs yesterday's code. The check stats the ~100 inputs the
// build recorded (about 1 ms); QDN_FROM_SOURCE=1 skips the bundle.
//
// The bundle is compiled with V8's code cache (out/cli/qdn.cjs.v8cache): a classic script
// compiled from its cache skips parsing and compiling ~0.8 MB of JavaScript, most of what a
// short command's start-up would otherwise spend (issue 9). When the cache is missing or V8
// rejects it (another Node version), this run compiles normally and writes a fresh one.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out', 'cli');

function currentBundle() {
  if (process.env.QDN_FROM_SOURCE === '1') return null;
  try {
    const { built_at: builtAt, inputs } = JSON.parse(
      readFileSync(path.join(outdir, 'inputs.json'), 'utf8'),
    );
    for (const input of inputs) {
      if (statSync(path.join(root, input)).mtimeMs >= builtAt) return null;
    }
    return path.join(outdir, 'qdn.cjs');
  } catch {
    return null; // not built, or an input is gone: the sources decide
  }
}

/** Loads the CommonJS bundle as Node would, but compiled with (and for) the code cache. */
function loadBundle(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache yet: compile, then write one
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, cachedData },
  );
  const module = { exports: {} };
  const wrapper = script.runInThisContext();
  wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile); // whole or not at all, if two runs race
    } catch {
      // A read-only install: every run compiles, as it would without the cache.
    }
  };
  return { main: module.exports.main, saveCache };
}

const bundle = currentBundle();
let main;
let saveCache = () => {};
if (bundle) {
  ({ main, saveCache } = loadBundle(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
// After the run, so the cache holds the functions it compiled too.
saveCache();
