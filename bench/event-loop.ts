// `npm run bench` (event-loop): does the window wait on the core? (issue 16, item 8). This
// process stands in for Electron's main process: it starts the console session main starts
// (src/core/console/console-session.ts, with its local edge, jobs watch and booking refresher)
// and makes the calls the IPC handlers make (src/main/ipc.ts: answerCall over the contract),
// one operation at a time, while it measures how late its own event loop runs:
// perf_hooks.monitorEventLoopDelay at a 10 ms resolution (max, p99, p50) and, as a second
// measure, how late a 10 ms setInterval fires at worst. Each operation is set beside an idle
// window of the same session, in the same rounds. Over 50 ms is our line for
// moving the core into a utilityProcess; docs/architecture.md says what this run found.
//
// The `…-split` rows run the same operations with the session in a forked child, as the console
// now runs it (src/main/core-process.ts with src/core-host/, Electron's utilityProcess in the
// app): this process then only forwards the calls, as main does, and its loop is what is
// measured. QDN_BENCH_ROUNDS=3 narrows a run; QDN_BENCH_ONLY=create,status runs only the named
// rows (with `node --cpu-prof --import tsx bench/event-loop.ts`, a profile of just those).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { startConsoleSession } from '../src/core/console/console-session';
import type { ConsoleSession } from '../src/core/console/console-session';
import { workspaceDeploy } from '../src/core/workspace/workspace-deploy';
import { serializeJobsFile } from '../src/core/jobs/jobs-file';
import { LocalFolderStore } from '../src/core/storage/local-folder-store';
import { builtSiteDir } from '../src/core/workspace/app-files';
import { DEFAULT_SANDBOX_CONFIG } from '../src/core/config/workspace-config';
import { coreArgs } from '../src/shared/api-args';
import type { CoreApi } from '../src/shared/api';
import { answerCall } from '../src/shared/call';
import { startCoreProcess } from '../src/main/core-process';
import type { CoreProcess } from '../src/main/core-process';
import { forkCoreChild } from '../src/main/forked-core-child';
import { SUBMISSION_KEY_PREFIX } from '../src/shared/inbox/booking-document';
import type { Job } from '../src/shared/job';
import { stat } from './lib';
import type { Stat } from './lib';

const ROUNDS = Number(process.env.QDN_BENCH_ROUNDS ?? 5);
const ONLY = process.env.QDN_BENCH_ONLY?.split(',') ?? null;
const RESOLUTION_MS = 10;
/** A stall longer than this moves the core out of the main process (issue 16). */
const LIMIT_MS = 50;
const JOBS = 50_000;
const SITE_FILES = 300;
const SUBMISSIONS = 1_000;
const IDLE_MS = 2_000;
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What one window of the loop looked like. Delays are beyond the 10 ms tick, in ms. */
export interface Window {
  max: number;
  p99: number;
  p50: number;
  /** The 10 ms setInterval's worst lateness. */
  timer: number;
  took: number;
  /**
   * CPU this process used meanwhile (user + system, ms). Beside a loop delay it tells this
   * loop's own work from waiting for a core the other processes hold (2 shared cores here).
   */
  cpu: number;
}

/**
 * Runs `work` while both measures watch the loop. The histogram records each tick's interval
 * (10 ms when the loop is free: idle p50 reads ~10.1 ms here), so the tick is taken off. A
 * stall in the last moments is caught by the ticks after it: both watch 30 ms past the end.
 */
export async function watched<T>(work: () => Promise<T>): Promise<{ window: Window; value: T }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let last = performance.now();
  let timer = 0;
  const ticks = setInterval(() => {
    const now = performance.now();
    timer = Math.max(timer, now - last - RESOLUTION_MS);
    last = now;
  }, RESOLUTION_MS);
  histogram.enable();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const took = performance.now() - start;
  const used = process.cpuUsage(cpuBefore);
  await sleep(3 * RESOLUTION_MS);
  histogram.disable();
  clearInterval(ticks);
  const beyondTick = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  const window = {
    max: beyondTick(histogram.max),
    p99: beyondTick(histogram.percentile(99)),
    p50: beyondTick(histogram.percentile(50)),
    timer: Math.max(0, timer),
    took,
    cpu: (used.user + used.system) / 1000,
  };
  return { window, value };
}

/** One contract call as the IPC handler makes it; a refused call stops the bench. */
async function call(api: CoreApi, method: keyof CoreApi, ...args: unknown[]): Promise<unknown> {
  const result = await answerCall(api, coreArgs, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

// --- fixtures ------------------------------------------------------------------------------

/**
 * A job as a year of use leaves it (~1.1 KB), as bench/jobs.ts makes them (not imported: that
 * file is a bench and runs when imported).
 */
function realisticJob(i: number): Job {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 20 * 60_000).toISOString();
  return {
    job_id: randomBytes(8).toString('hex'),
    customer_name: `Customer ${i}`,
    phone: '+1 555 0100',
    email: `customer${i}@example.com`,
    address: `${i} Elm Street, Springfield`,
    service: 'Full truck load',
    status: 'completed',
    pickup_date: at,
    pickup_window_end: at,
    price: 600,
    currency: 'USD',
    assigned_to: 'Tom S.',
    notes: 'Gate code 1234. Heavy sofa on the second floor; bring a dolly and straps.',
    tracking_token: randomBytes(24).toString('base64url'),
    created_at: at,
    updated_at: at,
    history: ['scheduled', 'en_route', 'on_site', 'completed'].map((status) => ({ status, at })),
  } as Job;
}

/**
 * The built site (out/site, copied: others may rebuild it mid-run) plus assets up to `files`,
 * whose bytes carry `version`, so each round's stage and promote move all of them.
 */
async function writeSite(dir: string, version: number, files: number): Promise<void> {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  for (let i = 0; i < files - BUILT_FILES; i++) {
    const name = `bench-${String(i).padStart(3, '0')}.js`;
    const body = `/* v${version} ${i} */ ${'x'.repeat(2000 + (i % 7) * 1000)}`;
    await writeFile(path.join(dir, 'assets', name), body);
  }
}
/** out/site's files, its manifest aside: 404, book, track, health, icon. */
const BUILT_FILES = 5;

function submission(round: number, i: number, date: string): string {
  return JSON.stringify({
    schema: 1,
    kind: 'request',
    id: `bench-round${round}-${String(i).padStart(6, '0')}`,
    submitted_at: new Date().toISOString(),
    name: `Customer ${i}`,
    phone: '(555) 010-0199',
    address: `${100 + i} Birch Lane, Apt ${i % 7}`,
    service: 'Garage cleanout',
    date,
    window: 'morning',
    notes: 'Gate code 1234',
  });
}

/** 1,000 booking requests waiting in the workspace's inbox, put there as uploads leave them. */
async function fillInbox(workspace: string, round: number): Promise<void> {
  const data = new LocalFolderStore(path.join(workspace, 'data'), {
    versioned: (key) => !key.startsWith('inbox/'),
  });
  const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const limit = pLimit(16);
  await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, i) =>
      limit(() =>
        data.put(`${SUBMISSION_KEY_PREFIX}bench-${round}-${i}.json`, submission(round, i, date), {
          contentType: 'application/json',
        }),
      ),
    ),
  );
}

/** s3rver in a child process: its request handling must not run on the loop being measured. */
async function startS3rverChild(root: string): Promise<{ port: number; child: ChildProcess }> {
  const script = `
    import S3rver from 's3rver';
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true,
      directory: ${JSON.stringify(path.join(root, 's3'))},
      configureBuckets: [{ name: 'data' }, { name: 'staging' }, { name: 'prod' }] });
    const { port } = await server.run();
    console.log(JSON.stringify({ port }));
    process.stdin.on('end', () => server.close().then(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: checkout,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines)
    return { port: (JSON.parse(line) as { port: number }).port, child };
  throw new Error('s3rver did not start');
}

// --- the run -------------------------------------------------------------------------------

/** The whole bench: sessions, fixtures, rounds, the table. */
async function run(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'qdn-bench-event-loop-'));
  const warnings: string[] = [];
  const sessions: ConsoleSession[] = [];
  let s3: ChildProcess | null = null;
  const cores: CoreProcess[] = [];

  /** The session in its own process (the core host from source, under tsx, as this bench). */
  async function openSplit(dir: string): Promise<CoreProcess> {
    const core = await startCoreProcess({
      workspaceDir: dir,
      spawn: () =>
        forkCoreChild(path.join(checkout, 'src/core-host/index.ts'), {
          execArgv: ['--import', 'tsx'],
        }),
      uploader: async () => null,
      warn: (m) => warnings.push(m),
      onLinks: () => undefined,
    });
    cores.push(core);
    return core;
  }

  async function open(dir: string): Promise<ConsoleSession> {
    const session = await startConsoleSession(dir, { warn: (m) => warnings.push(m) });
    sessions.push(session);
    await session.statusDocumentsRefreshed;
    return session;
  }

  /**
   * A sandbox whose jobs.json holds `n` jobs, as this product's serializer writes it. They stay
   * on the board: the default 30 days would archive all but a month of them at start.
   */
  async function board(
    name: string,
    n: number,
  ): Promise<{ dir: string; n: number; middle: string; mb: number }> {
    const dir = path.join(root, name);
    await mkdir(path.join(dir, 'data'), { recursive: true });
    const jobs = Array.from({ length: n }, (_, i) => realisticJob(i));
    const text = serializeJobsFile(jobs);
    await writeFile(path.join(dir, 'data', 'jobs.json'), text);
    const lifecycle = { ...DEFAULT_SANDBOX_CONFIG.jobs, archive_after_days: 3650 };
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({ ...DEFAULT_SANDBOX_CONFIG, jobs: lifecycle }, null, 2),
    );
    return { dir, n, middle: jobs[Math.floor(n / 2)]!.job_id, mb: text.length / 1e6 };
  }

  /** A row: one operation, run once a round, with what each round needs beforehand (untimed). */
  interface Row {
    key: string;
    name: string;
    before?: (round: number) => Promise<void>;
    run: () => Promise<unknown>;
  }

  try {
    const big = await board('ws-50k', JOBS);
    // Opening it is the console's start: its refresh of 50k status documents runs on this loop
    // too, in the background of a window that is already up. One round: it is the set-up.
    const { window: start, value: bigSession } = await watched(() => open(big.dir));
    console.log(
      `console start at ${JOBS.toLocaleString('en-US')} jobs (session + refresh of status documents), 1 round\n` +
        `  loop delay max ${start.max.toFixed(0)}, p99 ${start.p99.toFixed(0)}, p50 ${start.p50.toFixed(0)} ms; ` +
        `10 ms timer worst late ${start.timer.toFixed(0)} ms; took ${start.took.toFixed(0)} ms`,
    );
    // The same 50k board, its session in a forked child: only when a split row runs (its start
    // takes as long as the one above, in the child).
    const wantSplit = ONLY === null || ONLY.some((key) => key.endsWith('-split'));
    const splitBoard = wantSplit ? await board('ws-50k-split', JOBS) : null;
    let split: CoreProcess | null = null;
    if (splitBoard) {
      // Opened here once first, so its status documents are current: the child's start-up
      // refresh then finds little to do, and does not run on under the rows, unlike the above.
      const warm = await open(splitBoard.dir);
      await warm.close();
      sessions.splice(sessions.indexOf(warm), 1);
      const { window: splitStart, value } = await watched(() => openSplit(splitBoard.dir));
      split = value;
      console.log(
        `console start at ${JOBS.toLocaleString('en-US')} jobs, core in a child (until it answers), 1 round\n` +
          `  loop delay max ${splitStart.max.toFixed(0)}, p99 ${splitStart.p99.toFixed(0)}, p50 ${splitStart.p50.toFixed(0)} ms; ` +
          `10 ms timer worst late ${splitStart.timer.toFixed(0)} ms; took ${splitStart.took.toFixed(0)} ms`,
      );
    }
    // About what a month leaves on the board with the archive on (bench/jobs.ts's year table).
    const month = await board('ws-1k', 1_000);
    const monthSession = await open(month.dir);
    const small = await open(path.join(root, 'ws-small'));

    const site = path.join(root, 'site');
    await cp(builtSiteDir(), site, { recursive: true });
    let version = 0;

    // The S3 world (same buckets as bench/s3-world.ts): the AWS SDK's work runs in this process.
    const { port, child } = await startS3rverChild(root);
    s3 = child;
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    const awsDir = path.join(root, 'ws-aws');
    await mkdir(awsDir, { recursive: true });
    await writeFile(
      path.join(awsDir, 'config.json'),
      JSON.stringify({
        mode: 'aws',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        data: { bucket: 'data' },
        staging: { bucket: 'staging' },
        // A public URL nothing answers at: the public checks are refused at once.
        prod: { bucket: 'prod', public_base_url: 'http://127.0.0.1:9', distribution_ids: [] },
      }),
    );
    const aws = await open(awsDir);

    /** Stage this round's site (the Deploy panel's Stage, on this folder rather than out/site). */
    const stager = (session: ConsoleSession) => () =>
      workspaceDeploy(session.workspace, { surface: 'console', siteDir: site }).stageSite();
    /** The Deploy panel's promote: plan, then promote that plan with invalidation. */
    const promoter = (session: ConsoleSession) => async () => {
      const plan = (await call(session.api, 'planPromote')) as { id: string };
      await call(session.api, 'promote', { planId: plan.id, invalidate: true, prune: false });
    };
    const newSite = async () => writeSite(site, ++version, SITE_FILES);
    /** Each promote row stages its own new build, so every row also runs on its own. */
    const staged = (session: ConsoleSession) => async () => {
      await newSite();
      await stager(session)();
    };
    const pickup = new Date(Date.now() + 7 * 86_400_000).toISOString();
    /** A create, and a status change of the job in the middle (there and back, by rounds). */
    const writes = (
      suffix: string,
      api: CoreApi,
      at: Awaited<ReturnType<typeof board>>,
      where = '',
    ) => {
      let moves = 0;
      const jobs = `${at.n.toLocaleString('en-US')} jobs${where}`;
      return [
        {
          key: `create${suffix}`,
          name: `createJob at ${jobs} (${at.mb.toFixed(1)} MB)`,
          run: () =>
            call(api, 'createJob', {
              customer_name: 'Mark Example',
              address: 'Soderblom Ave',
              pickup_date: pickup,
              price: 600,
            }),
        },
        {
          key: `status${suffix}`,
          name: `setJobStatus at ${jobs}`,
          run: () =>
            moves++ % 2 === 0
              ? call(api, 'setJobStatus', at.middle, 'on_site', 'bench: one step back')
              : call(api, 'setJobStatus', at.middle, 'completed'),
        },
      ];
    };

    const allRows: Row[] = [
      {
        key: 'idle',
        name: `idle (${IDLE_MS} ms, every session of the rows below open)`,
        run: () => sleep(IDLE_MS),
      },
      ...writes('', bigSession.api, big),
      ...writes('-1k', monthSession.api, month),
      {
        key: 'stage',
        name: `stage ${SITE_FILES} files, sandbox (all changed)`,
        before: newSite,
        run: stager(small),
      },
      {
        key: 'promote',
        name: `planPromote + promote ${SITE_FILES} changed files, sandbox`,
        before: staged(small),
        run: promoter(small),
      },
      {
        key: 'promote-50k',
        name: `planPromote + promote ${SITE_FILES} changed files, sandbox at ${JOBS / 1000}k jobs`,
        before: staged(bigSession),
        run: promoter(bigSession),
      },
      {
        key: 'stage-s3',
        name: `stage ${SITE_FILES} files, S3 (s3rver in another process)`,
        before: newSite,
        run: stager(aws),
      },
      {
        key: 'promote-s3',
        name: `planPromote + promote ${SITE_FILES} changed files, S3`,
        before: staged(aws),
        run: promoter(aws),
      },
      {
        key: 'ingest',
        name: `ingestInbox, ${SUBMISSIONS.toLocaleString('en-US')} submissions, sandbox`,
        before: (round) => fillInbox(small.workspace.dir, round),
        run: () => call(small.api, 'ingestInbox'),
      },
      {
        key: 'ingest-50k',
        name: `ingestInbox, ${SUBMISSIONS.toLocaleString('en-US')} submissions, sandbox at ${JOBS / 1000}k jobs`,
        before: (round) => fillInbox(bigSession.workspace.dir, round),
        run: () => call(bigSession.api, 'ingestInbox'),
      },
      // The same heavy work with the session in a forked child: main's loop only forwards.
      ...(split
        ? [
            ...writes('-split', split.api, splitBoard!, ', core in a child'),
            {
              key: 'ingest-50k-split',
              name: `ingestInbox, ${SUBMISSIONS.toLocaleString('en-US')} submissions, sandbox at ${JOBS / 1000}k jobs, core in a child`,
              before: (round: number) => fillInbox(splitBoard!.dir, round + 100),
              run: () => call(split.api, 'ingestInbox'),
            },
          ]
        : []),
    ];
    const rows = allRows.filter((r) => r.key === 'idle' || ONLY === null || ONLY.includes(r.key));

    const seen = new Map<string, Window[]>(rows.map((r) => [r.key, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const row of rows) {
        await row.before?.(round);
        seen.get(row.key)!.push((await watched(row.run)).window);
      }
    }

    const f = (x: number) => x.toFixed(0);
    const span = (s: Stat) => `${f(s.median)} [${f(s.min)}–${f(s.max)}]`;
    const idle = seen.get('idle')!;
    const idleMax = stat(idle.map((w) => w.max)).median;
    const idleTimer = stat(idle.map((w) => w.timer)).median;
    const over: string[] = [];
    console.log(
      `event-loop delay beyond the ${RESOLUTION_MS} ms tick, ms: median [min–max] of ${ROUNDS} rounds; ` +
        `× = median max against idle's`,
    );
    for (const row of rows) {
      const windows = seen.get(row.key)!;
      const max = stat(windows.map((w) => w.max));
      const timer = stat(windows.map((w) => w.timer));
      console.log(
        `${row.name}\n` +
          `  loop delay max ${span(max)} (${(max.median / Math.max(idleMax, 1)).toFixed(1)}× idle), ` +
          `p99 ${span(stat(windows.map((w) => w.p99)))}, p50 ${span(stat(windows.map((w) => w.p50)))}; ` +
          `10 ms timer worst late ${span(timer)} (${(timer.median / Math.max(idleTimer, 1)).toFixed(1)}× idle); ` +
          `took ${span(stat(windows.map((w) => w.took)))} ms; ` +
          `this process's CPU ${span(stat(windows.map((w) => w.cpu)))} ms`,
      );
      if (row.key !== 'idle' && (max.median > LIMIT_MS || timer.median > LIMIT_MS)) {
        over.push(`${row.key} (max ${f(max.median)} ms, timer ${f(timer.median)} ms)`);
      }
    }
    console.log(
      over.length > 0
        ? `over ${LIMIT_MS} ms (median of rounds): ${over.join(', ')} — such work belongs in the core's own process`
        : `no operation stalls the loop by more than ${LIMIT_MS} ms (median of rounds)`,
    );
    if (idleMax > LIMIT_MS / 2) {
      console.log(
        `(!) idle itself reached ${f(idleMax)} ms (median of rounds): this machine is busy with ` +
          `other work, so rows near ${LIMIT_MS} ms say little here`,
      );
    }
    if (warnings.length > 0)
      console.log(`(${warnings.length} warnings from the sessions; first: ${warnings[0]})`);
  } finally {
    for (const session of sessions) await session.close();
    for (const core of cores) await core.close();
    if (s3 && s3.exitCode === null) {
      const exited = once(s3, 'exit');
      s3.stdin?.end();
      await exited;
    }
    await rm(root, { recursive: true, force: true });
  }
}

// Run as a bench (npm run bench, or tsx on this file), not when a test imports `watched`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
