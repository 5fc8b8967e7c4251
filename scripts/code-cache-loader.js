// Built by scripts/build-cli.js into out/cli/code-cache-loader.cjs (CommonJS: the bundles
// require() it) beside the bundles: loads a CommonJS bundle as
// Node's require would, but compiled with V8's code cache (FILE.v8cache beside it), as
// bin/qdn.js does for the CLI's own bundle. Used for out/cli/aws-sdk.cjs, the AWS SDK, which
// a plain require() compiles from ~1 MB of JavaScript on every AWS command (~35 ms of ~65 ms
// to load the S3 client, bench/profile-promote.ts). When the cache is missing or V8 rejects it
// (another Node version), the file is compiled normally and a fresh cache is written as the
// process exits, holding every function this run compiled.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const loaded = new Map();

/** The exports of the CommonJS file `file`, loaded once per process. */
export function loadWithCodeCache(file) {
  const known = loaded.get(file);
  if (known) return known.exports;
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache yet: compile, then write one at exit
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
    { filename: file, cachedData },
  );
  const module = { exports: {} };
  loaded.set(file, module);
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile); // whole or not at all, if two runs race
      } catch {
        // A read-only install: every run compiles, as it would without the cache.
      }
    });
  }
  return module.exports;
}
