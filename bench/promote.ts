// `npm run bench` (promote): issue 15's round-trip rows. A site of 300 files promoted staging →
// prod on s3rver by whole `qdn` processes, next to `aws s3 sync` between the same buckets
// (Debian's awscli) in the same run, at 0 ms and at 40 ms of added round-trip time (≈ S3 across
// the internet), through the latency proxy (bench/latency-proxy.ts), which also counts each
// run's requests and sequential round trips: (a) every file new, (b) one file changed, each
// also next to its floor (bench/promote-floor.ts: Node, the S3 client and the promote's own
// requests in its order, nothing else); then `qdn job add` on S3 next to its floor. First, the
// start-up floors: Node alone, with qdn's bundle, with the S3 client. `qdn` is the bundle,
// built when the run starts. Its
// times include the ordering (assets before pages), the check of every promoted object, the
// release and the history record; the public-URL checks go to a loopback port that answers
// nothing (a refused connection each, no round trip).
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { roundTripTable } from './latency-proxy';
import type { RoundTripCount } from './latency-proxy';
import { interleave, stat, time } from './lib';
import type { Stat } from './lib';
import { FLOOR_BUCKET, promoteFloor } from './promote-floor';
import { DATA_BUCKET, PROD_BUCKET, STAGING_BUCKET, startS3World, writeSite } from './s3-world';
import type { QdnRun } from './s3-world';

const AWS = '/usr/bin/aws';
const FILES = 300;
// QDN_BENCH_ROUNDS=9 QDN_BENCH_RTTS=40 narrows a run while working on one row.
const ROUNDS = Number(process.env.QDN_BENCH_ROUNDS ?? 5);
const RTTS = (process.env.QDN_BENCH_RTTS ?? '0,40').split(',').map(Number);
/** Issue 15's targets, at 40 ms against `aws s3 sync` in the same run. */
const TARGET = { allNew: 0.6, oneChanged: 0.5, oneChangedTrips: 8, jobAddTrips: 3 };

const exec = promisify(execFile);
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function ensureAwsCli(): void {
  if (existsSync(AWS)) return;
  console.log('Installing Debian awscli for the side-by-side run (apt-get install -y awscli)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Synchronous on purpose and only here: s3rver and the proxy are not started yet.
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const installed = spawnSync('apt-get', ['install', '-y', '-qq', 'awscli'], {
    stdio: 'inherit',
    env,
  });
  if (installed.status !== 0 || !existsSync(AWS)) throw new Error('awscli could not be installed');
}

/**
 * The CLI as it ships (the bundle, not the sources through tsx), built now into a folder of this
 * run's own (scripts/build-cli.js --private): others editing the checkout would otherwise send
 * bin/qdn.js back to the sources mid-run (it runs the bundle only while no source is newer),
 * and a build of theirs would replace the bundle under us. The copy lists no inputs, so its
 * bin/qdn.js always runs it.
 */
async function privateCli(): Promise<{ bin: string; remove: () => void }> {
  // Inside the checkout, so the bundle's require('@aws-sdk/…') finds node_modules.
  const dir = mkdtempSync(path.join(checkout, '.bench-baseline-cli-'));
  await exec(process.execPath, ['scripts/build-cli.js', '--private', dir], { cwd: checkout });
  return {
    bin: path.join(dir, 'bin', 'qdn.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

ensureAwsCli();
const cli = await privateCli();
const world = await startS3World({ extraBuckets: ['sync-dst', FLOOR_BUCKET], qdnBin: cli.bin });
const { proxy } = world;
const sync = () =>
  exec(
    AWS,
    [
      ...['--endpoint-url', proxy.endpoint, 's3', 'sync', '--only-show-errors'],
      `s3://${STAGING_BUCKET}`,
      's3://sync-dst',
    ],
    { env: world.env },
  );

/** A run's outcome: exit 0, or a promote's report with only the public checks failed. */
function checked(run: QdnRun, what: string): QdnRun {
  if (run.code === 0) return run;
  const report = run.stdout.startsWith('{')
    ? (JSON.parse(run.stdout) as { checks?: { ok: boolean }[] })
    : null;
  if (run.code === 1 && report?.checks) return run; // the public URL answers nothing here
  throw new Error(`${what} exited ${run.code}: ${run.stderr.trim()}`);
}
const qdn = async (...args: string[]) => checked(await world.qdn(...args), `qdn ${args.join(' ')}`);

/** Times `run` and counts what it sent through the proxy. */
async function measured(run: () => Promise<unknown>): Promise<{ ms: number } & RoundTripCount> {
  proxy.reset();
  const ms = await time(run);
  return { ms, ...proxy.count() };
}

/** At 0 ms, set-up (emptying, staging) goes at full speed; the row's latency is set after it. */
async function untimed<T>(setUp: () => Promise<T>): Promise<T> {
  proxy.setRtt(0);
  try {
    return await setUp();
  } finally {
    proxy.setRtt(rtt);
  }
}
let rtt = 0;

interface Runs {
  ms: number[];
  requests: number[];
  roundTrips: number[];
}
const runs = (): Runs => ({ ms: [], requests: [], roundTrips: [] });
function add(into: Runs, m: { ms: number } & RoundTripCount): void {
  into.ms.push(m.ms);
  into.requests.push(m.requests);
  into.roundTrips.push(m.roundTrips);
}

const fmt = (s: Stat) => `${s.median.toFixed(0)} ms [${s.min.toFixed(0)}–${s.max.toFixed(0)}]`;
/** `12`, or `12 [11–13]` when the rounds did not all send the same. */
function counts(xs: number[]): string {
  const s = stat(xs);
  return s.min === s.max ? String(s.median) : `${s.median} [${s.min}–${s.max}]`;
}

const missed: string[] = [];
function row(
  name: string,
  { ours, theirs, floor }: { ours: Runs; theirs: Runs; floor: Runs },
  target: { ratio?: number; roundTrips?: number },
): void {
  const a = stat(ours.ms);
  const b = stat(theirs.ms);
  const f = stat(floor.ms);
  const ratio = a.median / b.median;
  const trips = stat(ours.roundTrips).median;
  const ratioTarget =
    rtt === 40 && target.ratio !== undefined ? ` (target ≤ ${target.ratio}×)` : '';
  const tripsTarget =
    rtt === 40 && target.roundTrips !== undefined ? ` (target ≤ ${target.roundTrips})` : '';
  console.log(
    `${name}, ${rtt} ms RTT\n` +
      `  ${ratio.toFixed(2)}× aws s3 sync${ratioTarget} — qdn ${fmt(a)}, sync ${fmt(b)}, ${ROUNDS} rounds\n` +
      `  qdn: ${counts(ours.requests)} requests, ${counts(ours.roundTrips)} sequential round trips${tripsTarget}; ` +
      `sync: ${counts(theirs.requests)} requests, ${counts(theirs.roundTrips)} sequential\n` +
      `  floor (bench/promote-floor.ts: node + the S3 client + the promote's own requests, nothing else): ` +
      `${fmt(f)}, ${(f.median / b.median).toFixed(2)}× the sync, ${counts(floor.roundTrips)} sequential; ` +
      `qdn is ${(a.median / f.median).toFixed(2)}× the floor`,
  );
  if (rtt !== 40) return;
  if (target.ratio !== undefined && ratio > target.ratio)
    missed.push(`${name}: ${ratio.toFixed(2)}×`);
  if (target.roundTrips !== undefined && trips > target.roundTrips) {
    missed.push(`${name}: ${trips} round trips`);
  }
}

/** The requests of one run, one line per sequential round trip (long lines cut). */
function profile(title: string): void {
  console.log(`  ${title}, request by request (depth = sequential round trip):`);
  for (const line of roundTripTable(proxy.requests())) {
    console.log(`  ${line.length > 150 ? `${line.slice(0, 149)}…` : line}`);
  }
}

// The floor of `qdn job add`: a Node process that loads the S3 client and makes the three
// requests a create on S3 cannot do without, each waiting for the one before: read jobs.json
// (a copy of the workspace's, at floor/), write it back, write the new job's status document.
const JOB_ADD_FLOOR = `
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ region: 'us-east-1', endpoint: process.env.FLOOR_ENDPOINT, forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const got = await s3.send(new GetObjectCommand({ Bucket: '${DATA_BUCKET}', Key: 'floor/jobs.json' }));
const body = await got.Body.transformToString();
await s3.send(new PutObjectCommand({ Bucket: '${DATA_BUCKET}', Key: 'floor/jobs.json', Body: body,
  ContentType: 'application/json', IfMatch: got.ETag }));
await s3.send(new PutObjectCommand({ Bucket: '${PROD_BUCKET}', Key: 'floor/api/track/' + Date.now() + '.json',
  Body: '{}', ContentType: 'application/json' }));
s3.destroy();
`;
const floor = (oneChanged: boolean) =>
  promoteFloor(proxy.endpoint, world.env, checkout, oneChanged);
const jobAddFloor = () =>
  exec(process.execPath, ['--input-type=module', '-e', JOB_ADD_FLOOR], {
    env: { ...world.env, FLOOR_ENDPOINT: proxy.endpoint },
  });
const pickup = new Date(Date.now() + 7 * 86_400_000).toISOString();
const jobAdd = () =>
  qdn(
    'job',
    'add',
    '--name',
    'Mark',
    '--address',
    'Soderblom Ave',
    '--pickup',
    pickup,
    '--price',
    '600',
  );

/**
 * What any `qdn` process pays before its first request, each as its own process, in turns:
 * Node alone, Node with the CLI's bundle (`qdn help`), and Node with the S3 client and one
 * client made, from node_modules (as the floors above load it) or from qdn's own SDK bundle
 * with its code cache (as a qdn on an AWS workspace loads it).
 */
async function startUpFloors(): Promise<void> {
  const outdir = path.join(path.dirname(cli.bin), '..', 'out', 'cli');
  const s3Client = (load: string) =>
    `const { S3Client } = ${load}; new S3Client({ region: 'us-east-1' }).destroy();`;
  const subjects: Record<string, string[]> = {
    'node -e ""': ['-e', ''],
    'node + the qdn bundle (qdn help)': [cli.bin, 'help'],
    'node + the S3 client from node_modules': ['-e', s3Client("require('@aws-sdk/client-s3')")],
    "node + the S3 client from qdn's SDK bundle": [
      '-e',
      s3Client(
        `require(${JSON.stringify(path.join(outdir, 'code-cache-loader.cjs'))}).loadWithCodeCache(${JSON.stringify(path.join(outdir, 'aws-sdk.cjs'))})['@aws-sdk/client-s3']()`,
      ),
    ],
  };
  const times = await interleave(ROUNDS * 2, {
    ...Object.fromEntries(
      Object.entries(subjects).map(([name, args]) => [
        name,
        () =>
          exec(process.execPath, args, {
            cwd: checkout,
            env: { ...world.env, NODE_NO_WARNINGS: '1' },
          }),
      ]),
    ),
  });
  console.log(`start-up floors (${ROUNDS * 2} rounds each, process start to exit):`);
  for (const [name, s] of Object.entries(times)) console.log(`  ${name}: ${fmt(s)}`);
}

try {
  await startUpFloors();
  await writeSite(world.site, 'v0', FILES);
  await qdn('deploy', 'stage', '--from', world.site);
  let version = 0;
  for (rtt of RTTS) {
    proxy.setRtt(rtt);

    // (a) A first promote: prod, the sync's bucket and the data bucket empty, staging full.
    const allNew = { ours: runs(), theirs: runs(), floor: runs() };
    for (let i = 0; i < ROUNDS; i++) {
      await untimed(async () => {
        for (const bucket of [PROD_BUCKET, DATA_BUCKET, 'sync-dst', FLOOR_BUCKET]) {
          await world.empty(bucket);
        }
      });
      // Alternating who goes first, so a drift in the machine hits all alike.
      const order = [
        async () => add(allNew.theirs, await measured(sync)),
        async () =>
          add(
            allNew.ours,
            await measured(() => qdn('deploy', 'promote', '--yes', '--no-invalidate')),
          ),
        async () => add(allNew.floor, await measured(() => floor(false))),
      ];
      for (const step of i % 2 === 0 ? order : order.reverse()) await step();
    }
    row(`(a) promote ${FILES} new files`, allNew, { ratio: TARGET.allNew });

    // (b) One page changed and staged; prod and the sync's bucket hold the build before it.
    const oneChanged = { ours: runs(), theirs: runs(), floor: runs() };
    for (let i = 0; i < ROUNDS; i++) {
      await untimed(async () => {
        await writeFile(path.join(world.site, 'track.html'), `<p>track v${++version}</p>`);
        await qdn('deploy', 'stage', '--from', world.site);
      });
      const order = [
        async () => add(oneChanged.theirs, await measured(sync)),
        async () =>
          add(
            oneChanged.ours,
            await measured(() => qdn('deploy', 'promote', '--yes', '--no-invalidate')),
          ),
        async () => add(oneChanged.floor, await measured(() => floor(true))),
      ];
      for (const step of i % 2 === 0 ? order.reverse() : order) await step();
    }
    row(`(b) promote 1 changed of ${FILES} files`, oneChanged, {
      ratio: TARGET.oneChanged,
      roundTrips: TARGET.oneChangedTrips,
    });
    await untimed(async () => {
      await writeFile(path.join(world.site, 'track.html'), `<p>track v${++version}</p>`);
      await qdn('deploy', 'stage', '--from', world.site);
    });
    await measured(() => qdn('deploy', 'promote', '--yes', '--no-invalidate'));
    profile('(b) one more qdn promote');

    // (c) `qdn job add`: a workspace whose jobs.json this product wrote (one untimed add first).
    await untimed(async () => {
      await jobAdd();
      await world.direct.send(
        new CopyObjectCommand({
          Bucket: DATA_BUCKET,
          Key: 'floor/jobs.json',
          CopySource: `${DATA_BUCKET}/jobs.json`,
        }),
      );
    });
    const adds = { ours: runs(), floor: runs() };
    for (let i = 0; i < ROUNDS; i++) {
      add(adds.floor, await measured(jobAddFloor));
      add(adds.ours, await measured(jobAdd));
    }
    const a = stat(adds.ours.ms);
    const f = stat(adds.floor.ms);
    const trips = stat(adds.ours.roundTrips).median;
    console.log(
      `(c) \`qdn job add\` on S3, ${rtt} ms RTT\n` +
        `  ${(a.median / f.median).toFixed(2)}× the floor — qdn ${fmt(a)}, floor ${fmt(f)} ` +
        `(node + the S3 client + GET, PUT, PUT one after another), ${ROUNDS} rounds\n` +
        `  qdn: ${counts(adds.ours.requests)} requests, ${counts(adds.ours.roundTrips)} sequential round trips` +
        `${rtt === 40 ? ` (target ≤ ${TARGET.jobAddTrips})` : ''}; floor: ${counts(adds.floor.roundTrips)}`,
    );
    if (rtt === 40 && trips > TARGET.jobAddTrips)
      missed.push(`(c) qdn job add: ${trips} round trips`);
    await measured(jobAdd);
    profile('(c) one more qdn job add');
  }
  if (missed.length > 0) console.log(`missed at 40 ms: ${missed.join('; ')}`);
  process.exitCode = missed.length > 0 ? 1 : 0;
} finally {
  await world.close();
  cli.remove();
}
