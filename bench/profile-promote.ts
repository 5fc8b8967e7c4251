// Where a `qdn deploy promote` process spends its time (issue 15 point 8), not run by
// `npm run bench`: `npx tsx bench/profile-promote.ts [--rtt MS] [--rounds N] [--keep DIR]`.
// The bundle is built unminified (names readable) into a private folder, each promote runs
// with --cpu-prof in the bench's S3 world (bench/s3-world.ts), and the profiles are summed up:
// the process's wall time, what happened before the profile started (Node's own start-up),
// time by package or source file (self time), and time inside a few functions that stand for
// a phase (inclusive). Two cases, as in bench/promote.ts: 300 new files, 1 changed of 300.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { roundTripTable } from './latency-proxy';
import { DATA_BUCKET, PROD_BUCKET, startS3World, writeSite } from './s3-world';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'string' },
  },
});
const rtt = Number(values.rtt);
const rounds = Number(values.rounds);
const exec = promisify(execFile);
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which bucket a frame's self time goes to: an npm package, a source file, or V8/Node. */
function bucketOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node: internals';
  if (url.endsWith('qdn.cjs')) return 'qdn bundle';
  return path.basename(url);
}

/** Phases as functions whose inclusive time stands for them (names from the unminified bundle). */
const PHASES = [
  'openWorkspace',
  'awsStores',
  'cloudFrontCdns',
  'applyProdChange',
  'carryOutIntent',
  'copyAssetsThenPages',
  'settleJournal',
  'checkPublicSite',
  'verifyPublicSite',
  'recordedRun',
  'loadBundle',
];

interface Summary {
  profiledMs: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  /** Self time in functions under a require() of a module from node_modules. */
  requireMs: number;
}

function summarize(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let requireMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    const key = bucketOf(node.callFrame.url, node.callFrame.functionName);
    self.set(key, (self.get(key) ?? 0) + ms);
    const seen = new Set<string>();
    let inRequire = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (PHASES.includes(frame.functionName)) seen.add(frame.functionName);
      if (frame.functionName === 'Module._load' || frame.functionName === 'require') {
        inRequire = true;
      }
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    if (inRequire) requireMs += ms;
  });
  return { profiledMs: (profile.endTime - profile.startTime) / 1000, self, inclusive, requireMs };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const buildDir = mkdtempSync(path.join(checkout, '.bench-baseline-cli-'));
const profiles = await mkdtemp(path.join(tmpdir(), 'qdn-profile-'));
await exec(process.execPath, ['scripts/build-cli.js', '--private', buildDir], {
  cwd: checkout,
  env: { ...process.env, QDN_NO_MINIFY: '1' },
});
const world = await startS3World({
  qdnBin: path.join(buildDir, 'bin', 'qdn.js'),
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=200'],
});
try {
  await writeSite(world.site, 'v0', 300);
  await world.qdn('deploy', 'stage', '--from', world.site);
  let version = 0;
  const cases: Record<string, () => Promise<void>> = {
    '300 new files': async () => {
      world.proxy.setRtt(0);
      for (const bucket of [PROD_BUCKET, DATA_BUCKET]) await world.empty(bucket);
    },
    '1 changed of 300': async () => {
      world.proxy.setRtt(0);
      await writeFile(path.join(world.site, 'track.html'), `<p>track v${++version}</p>`);
      await world.qdn('deploy', 'stage', '--from', world.site);
    },
  };
  for (const [name, setUp] of Object.entries(cases)) {
    const walls: number[] = [];
    const firstRequest: number[] = [];
    const afterLast: number[] = [];
    const summaries: Summary[] = [];
    let table: string[] = [];
    for (let i = 0; i < rounds; i++) {
      await setUp();
      for (const f of readdirSync(profiles)) rmSync(path.join(profiles, f));
      world.proxy.setRtt(rtt);
      world.proxy.reset();
      const start = performance.now();
      const run = await world.qdn('deploy', 'promote', '--yes', '--no-invalidate');
      const wall = performance.now() - start;
      walls.push(wall);
      const requests = world.proxy.requests();
      firstRequest.push(requests[0]?.start ?? 0);
      afterLast.push(wall - Math.max(...requests.map((r) => r.end)));
      if (i === rounds - 1) table = roundTripTable(requests);
      if (run.code !== 0 && !run.stdout.startsWith('{')) throw new Error(run.stderr);
      // The stage of the next round runs with --cpu-prof too: only the promote's profile counts.
      const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'))!;
      const profile = JSON.parse(readFileSync(path.join(profiles, file), 'utf8')) as CpuProfile;
      summaries.push(summarize(profile));
      if (values.keep) {
        const slug = name.replace(/\W+/g, '-');
        copyFileSync(path.join(profiles, file), path.join(values.keep, `${slug}-${i}.cpuprofile`));
      }
    }
    const wall = median(walls);
    const profiled = median(summaries.map((s) => s.profiledMs));
    console.log(`\n${name}, ${rtt} ms RTT, ${rounds} rounds (medians)`);
    console.log(
      `  process wall ${wall.toFixed(0)} ms, profiled ${profiled.toFixed(0)} ms; ` +
        `first request at ${median(firstRequest).toFixed(0)} ms, exit ${median(afterLast).toFixed(0)} ms after the last answer`,
    );
    console.log(
      `  require() of node_modules: ${median(summaries.map((s) => s.requireMs)).toFixed(0)} ms`,
    );
    const phases = PHASES.map((p): [string, number] => [
      p,
      median(summaries.map((s) => s.inclusive.get(p) ?? 0)),
    ]).filter(([, ms]) => ms > 0);
    console.log(`  on CPU inside: ${phases.map(([p, ms]) => `${p} ${ms.toFixed(0)}`).join(', ')}`);
    const keys = new Set(summaries.flatMap((s) => [...s.self.keys()]));
    const self = [...keys]
      .map((k): [string, number] => [k, median(summaries.map((s) => s.self.get(k) ?? 0))])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14);
    console.log(`  self time: ${self.map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}`);
    for (const line of table)
      console.log(`  ${line.length > 150 ? `${line.slice(0, 149)}…` : line}`);
  }
} finally {
  await world.close();
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(profiles, { recursive: true, force: true });
}
