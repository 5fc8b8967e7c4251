// `npm run bench` (part 2): promote 300 site files staging → prod on s3rver with whole `qdn`
// processes, next to `aws s3 sync` between the same two buckets (Debian's awscli), in one run.
// (a) every file new, (b) one file changed. Ordering (assets before pages) and the ETag/size
// verification of every promoted object are included in qdn's time; the public-URL checks run
// against a loopback address that answers nothing, so they cost a refused connection each.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import S3rver from 's3rver';
import pLimit from 'p-limit';
import { COPY_CONCURRENCY } from '../src/core/deploy/ordered-copy';
import { createS3Client, S3Store } from '../src/core/storage/s3-store';

const AWS = '/usr/bin/aws';
const FILES = 300;
const ROUNDS = 5;

function ensureAwsCli(): void {
  if (existsSync(AWS)) return;
  console.log('Installing Debian awscli for the side-by-side run (apt-get install -y awscli)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', 'awscli'], {
    stdio: 'inherit',
    env,
  });
  if (installed.status !== 0 || !existsSync(AWS)) throw new Error('awscli could not be installed');
}

ensureAwsCli();
const root = await mkdtemp(path.join(tmpdir(), 'qdn-bench-promote-'));
const buckets = ['data', 'staging', 'prod', 'sync-dst', 'floor'];
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: path.join(root, 's3'),
  configureBuckets: buckets.map((name) => ({ name })),
});
const { port } = await server.run();
const endpoint = `http://127.0.0.1:${port}`;
const client = createS3Client({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
const store = (bucket: string) => new S3Store(client, bucket);
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

// An AWS workspace whose buckets are on s3rver; no distribution, and a public URL on a
// loopback port nothing listens on (the checks are refused at once; no traffic leaves).
const ws = path.join(root, 'ws');
await mkdir(ws, { recursive: true });
await writeFile(
  path.join(ws, 'config.json'),
  JSON.stringify({
    mode: 'aws',
    region: 'us-east-1',
    endpoint,
    data: { bucket: 'data' },
    staging: { bucket: 'staging' },
    prod: { bucket: 'prod', public_base_url: 'http://127.0.0.1:9', distribution_ids: [] },
  }),
);

const site = path.join(root, 'site');
async function writeSiteFiles(version: string) {
  for (let i = 0; i < FILES - 3; i++) {
    const file = path.join(site, 'assets', `chunk-${String(i).padStart(3, '0')}.js`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `/* ${i} */ ${'x'.repeat(2000 + (i % 7) * 1000)}`);
  }
  await writeFile(path.join(site, 'track.html'), `<p>track ${version}</p>`);
  await writeFile(path.join(site, 'book.html'), '<p>book</p>');
  await mkdir(path.join(site, 'api'), { recursive: true });
  await writeFile(
    path.join(site, 'api', 'health.json'),
    JSON.stringify({ ok: true, build_id: 'bench' }),
  );
}

// Asynchronous: s3rver answers from this process's event loop.
const exec = promisify(execFile);
const qdn = async (...args: string[]) =>
  (await exec(process.execPath, ['bin/qdn.js', 'deploy', ...args, '--workspace', ws], { env }))
    .stdout;
const sync = () =>
  exec(
    AWS,
    [
      '--endpoint-url',
      endpoint,
      's3',
      'sync',
      '--only-show-errors',
      's3://staging',
      's3://sync-dst',
    ],
    { env },
  );

async function empty(bucket: string, prefix = '') {
  const s = store(bucket);
  for (const meta of await s.list(prefix)) await s.delete(meta.key);
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};

try {
  await writeSiteFiles('v0');
  await qdn('stage', '--from', site);
  let restaged = '';
  const stageAgain = await time(async () => (restaged = await qdn('stage', '--from', site)));
  const uploadedAgain = (JSON.parse(restaged) as { uploaded: string[] }).uploaded.length;

  const report = (name: string, ours: number[], theirs: number[], target: number) => {
    const a = stats(ours);
    const b = stats(theirs);
    const ratio = a.median / b.median;
    console.log(
      `${name}\n  ${ratio.toFixed(2)}× aws s3 sync (target ≤ ${target}×) — qdn median ${a.median.toFixed(0)} ms ` +
        `[${a.min.toFixed(0)}–${a.max.toFixed(0)}], sync median ${b.median.toFixed(0)} ms [${b.min.toFixed(0)}–${b.max.toFixed(0)}], ${ROUNDS} rounds`,
    );
  };

  // The floor both tools share: the server-side copies themselves, sent from this process
  // with the pipeline's own concurrency (no process start-up, no listing, no verification).
  const floor: number[] = [];
  const allNew = { ours: [] as number[], theirs: [] as number[] };
  const staged = await store('staging').list('');
  for (let i = 0; i < ROUNDS; i++) {
    await empty('prod');
    await empty('data', 'releases/');
    await empty('sync-dst');
    await empty('floor');
    allNew.theirs.push(await time(sync));
    allNew.ours.push(await time(() => qdn('promote', '--yes', '--no-invalidate')));
    const limit = pLimit(COPY_CONCURRENCY);
    floor.push(
      await time(() =>
        Promise.all(
          staged.map((m) => limit(() => store('floor').copyFrom(store('staging'), m.key, m.key))),
        ),
      ),
    );
  }
  report(`(a) promote ${FILES} new files`, allNew.ours, allNew.theirs, 0.5);
  const f = stats(floor);
  console.log(
    `  floor: ${FILES} server-side copies alone, in-process, ${COPY_CONCURRENCY} at a time: median ${f.median.toFixed(0)} ms [${f.min.toFixed(0)}–${f.max.toFixed(0)}] ` +
      `= ${(f.median / stats(allNew.theirs).median).toFixed(2)}× the sync`,
  );

  const oneChanged = { ours: [] as number[], theirs: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    await writeFile(path.join(site, 'track.html'), `<p>track v${i + 1}</p>`);
    await qdn('stage', '--from', site);
    oneChanged.theirs.push(await time(sync));
    oneChanged.ours.push(await time(() => qdn('promote', '--yes', '--no-invalidate')));
  }
  report(`(b) promote 1 changed of ${FILES} files`, oneChanged.ours, oneChanged.theirs, 0.25);
  const idle = { sync: [] as number[], node: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    idle.sync.push(await time(sync));
    idle.node.push(
      await time(() => exec(process.execPath, ['-e', "import('@aws-sdk/client-s3')"])),
    );
  }
  console.log(
    `  floors: \`aws s3 sync\` with nothing to copy ${stats(idle.sync).median.toFixed(0)} ms; ` +
      `node starting and loading the S3 client ${stats(idle.node).median.toFixed(0)} ms`,
  );
  console.log(
    `stage of an unchanged build of ${FILES} files: uploaded ${uploadedAgain} files in ${stageAgain.toFixed(0)} ms`,
  );
} finally {
  client.destroy();
  await server.close();
  await rm(root, { recursive: true, force: true });
}
