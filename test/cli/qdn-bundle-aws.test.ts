import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROD_BUCKET, STAGING_BUCKET, startS3World, writeSite } from '../../bench/s3-world';
import type { S3World } from '../../bench/s3-world';

// The `qdn` bundle as it ships (scripts/build-cli.js), on an AWS workspace (s3rver on loopback,
// bench/s3-world.ts): its AWS SDK comes from its own bundle, out/cli/aws-sdk.cjs, compiled from
// a code cache that the build warmed (scripts/warm-aws-sdk-cache.cjs), not from node_modules.
const exec = promisify(execFile);
const checkout = path.resolve('.');
let dir: string;
let outdir: string;
let world: S3World;
let cacheBuiltAt: number;

beforeAll(async () => {
  // Inside the checkout, so the bundle finds node_modules as an install does; a private copy,
  // so others' builds and runs of out/cli are left alone (gitignored: .bench-baseline-*).
  dir = mkdtempSync(path.join(checkout, '.bench-baseline-cli-test-'));
  await exec(process.execPath, ['scripts/build-cli.js', '--private', dir], { cwd: checkout });
  outdir = path.join(dir, 'out', 'cli');
  cacheBuiltAt = existsSync(path.join(outdir, 'aws-sdk.cjs.v8cache'))
    ? statSync(path.join(outdir, 'aws-sdk.cjs.v8cache')).mtimeMs
    : NaN;
  world = await startS3World({ qdnBin: path.join(dir, 'bin', 'qdn.js') });
}, 120_000);
afterAll(async () => {
  await world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the qdn bundle on an AWS workspace', () => {
  it('keeps the AWS SDK out of the main bundle and in its own, with a warm code cache', async () => {
    const main = await readFile(path.join(outdir, 'qdn.cjs'), 'utf8');
    expect(main).not.toMatch(/require\(["']@aws-sdk\//);
    expect(existsSync(path.join(outdir, 'aws-sdk.cjs'))).toBe(true);
    expect(cacheBuiltAt).not.toBeNaN();
  });

  it('stages, promotes and adds a job, loading the SDK from its cache', async () => {
    await writeSite(world.site, 'bundle', 20);
    const staged = await world.qdn('deploy', 'stage', '--from', world.site);
    expect(staged.code, staged.stderr).toBe(0);
    // The public URL answers nothing in this world: the promote exits 1 with its report.
    const promoted = await world.qdn('deploy', 'promote', '--yes', '--no-invalidate');
    const report = JSON.parse(promoted.stdout) as { copied: string[]; releaseId: string | null };
    expect(report.copied).toHaveLength(20);
    expect(report.releaseId).not.toBeNull();
    expect((await world.store(PROD_BUCKET).get('track.html'))?.body.toString()).toBe(
      '<p>track bundle</p>',
    );
    const added = await world.qdn(
      ...['job', 'add', '--name', 'Mark', '--address', 'Soderblom Ave'],
      ...['--pickup', new Date(Date.now() + 86_400_000).toISOString(), '--price', '600'],
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = await world.qdn('job', 'list');
    expect(listed.stdout).toContain('Soderblom Ave');
    // Accepted, not rejected and rewritten, by every run above.
    expect(statSync(path.join(outdir, 'aws-sdk.cjs.v8cache')).mtimeMs).toBe(cacheBuiltAt);
  }, 120_000);

  it('tells a missing object from a failure (the SDK error classes are the bundle’s own)', async () => {
    // S3Store.get answers null for NoSuchKey by `instanceof S3ServiceException`: with classes
    // from two copies of the SDK, a missing health document would fail the command instead.
    await world.empty(STAGING_BUCKET);
    const run = await world.qdn('deploy', 'status');
    expect(run.code, run.stderr).toBe(0);
    const status = JSON.parse(run.stdout) as { staging: { files: number; buildId: string | null } };
    expect(status.staging).toMatchObject({ files: 0 });
  }, 60_000);
});
