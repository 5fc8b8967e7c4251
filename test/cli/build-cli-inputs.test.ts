import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// bin/qdn.js runs out/cli/qdn.cjs only while every input recorded in out/cli/inputs.json can be
// stat'ed and is older than the build. One input that is no file (the SDK stand-in
// `aws-sdk:@aws-sdk/client-s3`, before commit d45c8cb) made every bundle stale, and every run
// went through tsx. A real build (scripts/build-cli.js), in a copy of the checkout's sources so
// that others' out/cli is left alone (gitignored: .bench-baseline-*), then its bin/qdn.js. (The
// copy's packages are the checkout's node_modules, one level up, so the copy also records them,
// as ../node_modules/…: files too.)
const exec = promisify(execFile);
const checkout = path.resolve('.');
let dir: string;
let cache: string;

/** Runs the copy's `qdn job list`; whether it ran the bundle shows in its code cache. */
async function ranTheBundle(): Promise<boolean> {
  rmSync(cache, { force: true });
  const scratch = mkdtempSync(path.join(dir, 'ws-'));
  const env = { ...process.env, QDN_FROM_SOURCE: '' };
  await exec(
    process.execPath,
    [path.join(dir, 'bin', 'qdn.js'), 'job', 'list', '--workspace', scratch],
    { env },
  );
  // bin/qdn.js writes the cache after a run of the bundle, and never after a run of the sources.
  return existsSync(cache);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(checkout, '.bench-baseline-build-inputs-'));
  for (const entry of ['src', 'scripts', 'bin', 'package.json', 'package-lock.json']) {
    cpSync(path.join(checkout, entry), path.join(dir, entry), { recursive: true });
  }
  await exec(process.execPath, [path.join(dir, 'scripts', 'build-cli.js')], { cwd: dir });
  cache = path.join(dir, 'out', 'cli', 'qdn.cjs.v8cache');
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the inputs build-cli records for the bundle', () => {
  it('are all files on disk, the CLI entry among them', async () => {
    const { inputs } = JSON.parse(
      await readFile(path.join(dir, 'out', 'cli', 'inputs.json'), 'utf8'),
    ) as { inputs: string[] };
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs.filter((input) => !existsSync(path.join(dir, input)))).toEqual([]);
  });

  it('let bin/qdn.js run the bundle, until a source is edited', async () => {
    expect(await ranTheBundle()).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'src', 'cli', 'main.ts'), later, later);
    expect(await ranTheBundle()).toBe(false);
  }, 60_000);
});
