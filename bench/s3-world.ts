// An AWS workspace on loopback for bench/promote.ts and test/core/round-trips.test.ts: s3rver
// with the workspace's buckets, the latency proxy (bench/latency-proxy.ts) in front of it as
// the workspace's endpoint, a built site of N files, and `qdn` run as its own process.
//
// Everything here is asynchronous: s3rver and the proxy answer from this process's event
// loop, so a synchronous child (spawnSync, execFileSync) would wait forever for them.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client, S3Store } from '../src/core/storage/s3-store';
import { startLatencyProxy } from './latency-proxy';
import type { LatencyProxy } from './latency-proxy';

const exec = promisify(execFile);
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DATA_BUCKET = 'data';
export const STAGING_BUCKET = 'staging';
export const PROD_BUCKET = 'prod';

export interface S3World {
  root: string;
  /** The proxy every `qdn` run of the workspace goes through. */
  proxy: LatencyProxy;
  /** s3rver itself, for set-up and checks that should not be counted. */
  directEndpoint: string;
  direct: S3Client;
  store(bucket: string): S3Store;
  /** The workspace folder (config.json: mode aws, endpoint = the proxy). */
  workspace: string;
  /** The environment a client needs: s3rver's keys, no instance metadata lookups. */
  env: NodeJS.ProcessEnv;
  /** The built site `qdn deploy stage --from` uploads. */
  site: string;
  /**
   * `qdn ARGS --workspace <workspace>` as its own process. A promote here exits 1 (its public
   * checks find nothing at the public URL), so the exit code is the caller's to judge.
   */
  qdn(...args: string[]): Promise<QdnRun>;
  /** Deletes every object of the bucket (under prefix), uncounted. */
  empty(bucket: string, prefix?: string): Promise<void>;
  close(): Promise<void>;
}

export interface QdnRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface S3WorldOptions {
  /** More buckets beside data, staging and prod (e.g. the sync's destination). */
  extraBuckets?: readonly string[];
  /** The `qdn` to run: this checkout's bin/qdn.js, or another commit's (bench/baseline.ts). */
  qdnBin?: string;
  /** Node flags for every `qdn` run (bench/profile-promote.ts passes --cpu-prof). */
  nodeArgs?: readonly string[];
}

export async function startS3World(options: S3WorldOptions = {}): Promise<S3World> {
  const extraBuckets = options.extraBuckets ?? [];
  const root = await mkdtemp(path.join(tmpdir(), 'qdn-s3-world-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(root, 's3'),
    configureBuckets: [DATA_BUCKET, STAGING_BUCKET, PROD_BUCKET, ...extraBuckets].map((name) => ({
      name,
    })),
  });
  const { port } = await server.run();
  const proxy = await startLatencyProxy({ targetPort: port });
  const directEndpoint = `http://127.0.0.1:${port}`;
  const direct = createS3Client({
    region: 'us-east-1',
    endpoint: directEndpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

  // No distribution, and a public URL on a loopback port nothing listens on: the public checks
  // are refused at once and no traffic leaves the machine.
  const workspace = path.join(root, 'ws');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    path.join(workspace, 'config.json'),
    JSON.stringify({
      mode: 'aws',
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      data: { bucket: DATA_BUCKET },
      staging: { bucket: STAGING_BUCKET },
      prod: { bucket: PROD_BUCKET, public_base_url: 'http://127.0.0.1:9', distribution_ids: [] },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  // The keys above, not a profile of the machine's ~/.aws.
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;

  const store = (bucket: string) => new S3Store(direct, bucket);
  return {
    root,
    proxy,
    directEndpoint,
    direct,
    store,
    workspace,
    env,
    site: path.join(root, 'site'),
    async qdn(...args) {
      const bin = options.qdnBin ?? path.join(checkout, 'bin', 'qdn.js');
      const run = { env, cwd: checkout, maxBuffer: 64 * 1024 * 1024 };
      try {
        const argv = [...(options.nodeArgs ?? []), bin, ...args, '--workspace', workspace];
        const out = await exec(process.execPath, argv, run);
        return { code: 0, stdout: out.stdout, stderr: out.stderr };
      } catch (err) {
        const failed = err as { code?: unknown; stdout?: string; stderr?: string };
        if (typeof failed.code !== 'number') throw err; // it did not run at all
        return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    },
    async empty(bucket, prefix = '') {
      let token: string | undefined;
      do {
        const page = await direct.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (keys.length > 0) {
          await direct.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }),
          );
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async close() {
      direct.destroy();
      await proxy.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * A built site of `files` files, as the bench promotes it: hashed-looking assets of 2–8 KB,
 * the two pages (the tracking page says `version`), and the health document.
 */
export async function writeSite(dir: string, version: string, files = 300): Promise<void> {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await mkdir(path.join(dir, 'api'), { recursive: true });
  for (let i = 0; i < files - 3; i++) {
    const name = `chunk-${String(i).padStart(3, '0')}.js`;
    await writeFile(
      path.join(dir, 'assets', name),
      `/* ${i} */ ${'x'.repeat(2000 + (i % 7) * 1000)}`,
    );
  }
  await writeFile(path.join(dir, 'track.html'), `<p>track ${version}</p>`);
  await writeFile(path.join(dir, 'book.html'), '<p>book</p>');
  await writeFile(
    path.join(dir, 'api', 'health.json'),
    JSON.stringify({ ok: true, build_id: 'bench' }),
  );
}
