// `npm run bench` (jobs): issue 9's table. Creating one job at 1k/10k/50k jobs next to the
// floor (parse + stringify + write + fsync of the same bytes), `qdn` start-up next to
// `node -e 0`, the workspace on disk next to the live jobs.json, and a year of jobs with and
// without the archive. "today" is the code before issue 9 (bench/baseline.ts), same run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, stat as fsStat, writeFile } from 'node:fs/promises';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkoutBaseline } from './baseline';
import { interleave, row, stat, time } from './lib';
import type { Stat } from './lib';
import { CheckedRevisionsFile } from '../src/core/jobs/checked-revisions';
import { JOBS_KEY, JobsRepository } from '../src/core/jobs/jobs-repository';
import { JobsService } from '../src/core/jobs/jobs-service';
import { StatusPublisher } from '../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../src/core/storage/local-folder-store';
import { serializeJobsFile } from '../src/core/jobs/jobs-file';
import { openWorkspace } from '../src/core/workspace/open-workspace';
import { siteFileRules } from '../src/core/site/site-file-rules';
import { isSiteDataKey } from '../src/shared/site-keys';
import type { Job, NewJobInput } from '../src/shared/job';

const root = await mkdtemp(path.join(tmpdir(), 'qdn-bench-jobs-'));
const baseline = checkoutBaseline();
// A week ahead of the run: `qdn job add` refuses a pickup in the past.
const pickup = new Date(Date.now() + 7 * 86_400_000).toISOString();
const business = { name: 'QuickDumpNow', phone: '+1 555 0100' };
const input: NewJobInput = {
  customer_name: 'Mark Example',
  address: 'Soderblom Ave',
  pickup_date: pickup,
  price: 600,
};

/** A job as a year of use leaves it (~1.1 KB): contact, notes, a full history. */
function realisticJob(i: number, start = Date.UTC(2025, 0, 1), status = 'completed'): Job {
  const at = new Date(start + i * 20 * 60_000).toISOString();
  const history = ['scheduled', 'en_route', 'on_site', 'completed']
    .slice(0, status === 'completed' ? 4 : 1)
    .map((s) => ({ status: s, at }));
  return {
    job_id: randomBytes(8).toString('hex'),
    customer_name: `Customer ${i}`,
    phone: '+1 555 0100',
    email: `customer${i}@example.com`,
    address: `${i} Elm Street, Springfield`,
    service: 'Full truck load',
    status,
    pickup_date: at,
    pickup_window_end: at,
    price: 600,
    currency: 'USD',
    assigned_to: 'Tom S.',
    notes: 'Gate code 1234. Heavy sofa on the second floor; bring a dolly and straps.',
    tracking_token: randomBytes(24).toString('base64url'),
    created_at: at,
    updated_at: at,
    history,
  } as Job;
}

function jobsText(n: number): string {
  return serializeJobsFile(Array.from({ length: n }, (_, i) => realisticJob(i)));
}

/** What we compare against: the same bytes parsed, serialised, written and flushed. */
async function floor(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const out = `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  const handle = await open(`${file}.floor`, 'w');
  await handle.writeFile(out);
  await handle.sync();
  await handle.close();
}

interface Code {
  /** Today's constructor takes the store alone; it ignores the arguments added since. */
  JobsRepository: typeof JobsRepository;
  JobsService: typeof JobsService;
  StatusPublisher: typeof StatusPublisher;
  LocalFolderStore: typeof LocalFolderStore;
  openWorkspace: typeof openWorkspace;
}
const now: Code = { JobsRepository, JobsService, StatusPublisher, LocalFolderStore, openWorkspace };
/** The same modules from the baseline checkout; their shapes are today's but for the names createOn bridges. */
async function importBaseline(dir: string): Promise<Code> {
  const load = (file: string) => import(path.join(dir, file)) as Promise<Partial<Code>>;
  return Object.assign(
    {},
    await load('src/core/jobs/jobs-repository.ts'),
    await load('src/core/jobs/jobs-service.ts'),
    await load('src/core/publishing/status-publisher.ts'),
    await load('src/core/storage/local-folder-store.ts'),
    await load('src/core/workspace/open-workspace.ts'),
  ) as Code;
}
const today: Code | null = baseline ? await importBaseline(baseline.dir) : null;

/** Prod as a sandbox workspace opens it (the old store ignores the options). */
const prodOptions = { headers: siteFileRules, versioned: (key: string) => !isSiteDataKey(key) };

/**
 * The service as a fresh `qdn` process opens it: new instances, no warm caches, and what the
 * workspace keeps on disk between processes (the record of checked revisions).
 */
function freshService(code: Code, dir: string): JobsService {
  return new code.JobsService(
    new code.JobsRepository(
      new code.LocalFolderStore(path.join(dir, 'data')),
      JOBS_KEY,
      new CheckedRevisionsFile(path.join(dir, '.qdn', 'checked-jobs.json')),
    ),
    new code.StatusPublisher(
      [new code.LocalFolderStore(path.join(dir, 'prod'), prodOptions)],
      business,
    ),
  );
}

/**
 * A create on today's service or the baseline's: the baseline predates the contract's names
 * (its JobsService has `create`, not `createJob`).
 */
function createOn(jobs: JobsService): Promise<unknown> {
  const old = jobs as unknown as { create?: (job: NewJobInput) => Promise<unknown> };
  return typeof old.create === 'function' ? old.create(input) : jobs.createJob(input);
}

/** One create as a fresh `qdn job add` process would do it. */
function creator(code: Code, dir: string) {
  return () => createOn(freshService(code, dir));
}

/**
 * A status change and an edit of one job in the middle of the file, as fresh processes: each
 * round a real change (completed → on site with a reason, and back; a new note).
 */
function changers(dir: string, jobId: string) {
  let moves = 0;
  let edits = 0;
  return {
    status: () =>
      moves++ % 2 === 0
        ? freshService(now, dir).setJobStatus(jobId, 'on_site', 'bench: one step back')
        : freshService(now, dir).setJobStatus(jobId, 'completed'),
    edit: () =>
      freshService(now, dir).editJob(jobId, { changes: { notes: `Bench note ${edits++}` } }),
  };
}

async function seeded(name: string, text: string): Promise<string> {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  await writeFile(path.join(dir, 'data', 'jobs.json'), text);
  return dir;
}

console.log('| row | today | new | target |');
const P1_TARGET: Record<number, string> = { 1000: '—', 10000: '≤ 1.5×', 50000: '≤ 1.3×' };
for (const n of [1000, 10_000, 50_000]) {
  const text = jobsText(n);
  const floorDir = await seeded(`floor-${n}`, text);
  const newDir = await seeded(`new-${n}`, text);
  const oldDir = today ? await seeded(`old-${n}`, text) : null;
  const subjects: Record<string, () => unknown> = {
    floor: () => floor(path.join(floorDir, 'data', 'jobs.json')),
    new: creator(now, newDir),
  };
  if (today && oldDir) subjects.today = creator(today, oldDir);
  // One untimed round first: the steady state a workspace is in after its first write (the
  // record of checked revisions seeded, this process's code warm), for every subject alike.
  for (const run of Object.values(subjects)) await run();
  const s = await interleave(5, subjects);
  row(
    `create one job, ${n.toLocaleString('en-US')} jobs (${(text.length / 1e6).toFixed(1)} MB)`,
    s.floor!,
    s.today ?? null,
    s.new!,
    P1_TARGET[n]!,
  );
  if (n < 10_000) continue;
  // The other writes of P1, on the same workspace (new code only: the baseline had no edits).
  const middle = (JSON.parse(text) as { jobs: Job[] }).jobs[Math.floor(n / 2)]!.job_id;
  const change = changers(newDir, middle);
  for (const [what, run] of [
    ['a status change', change.status],
    ['an edit', change.edit],
  ] as const) {
    const others: Record<string, () => unknown> = { floor: subjects.floor!, new: run };
    await run();
    const c = await interleave(5, others);
    row(
      `${what} of one job, ${n.toLocaleString('en-US')} jobs`,
      c.floor!,
      null,
      c.new!,
      P1_TARGET[n]!,
    );
  }
}

// --- the CLI -----------------------------------------------------------------------------
execFileSync(process.execPath, ['scripts/build-cli.js'], { stdio: 'ignore' });
/**
 * Sources edited since the build (bin/qdn.js then runs them through tsx, not the bundle): on
 * a checkout others are editing, a row timed during an edit measured the wrong thing.
 */
function staleInputs(): string[] {
  const { built_at: builtAt, inputs } = JSON.parse(
    readFileSync(path.join('out', 'cli', 'inputs.json'), 'utf8'),
  ) as { built_at: number; inputs: string[] };
  return inputs.filter((input) => {
    try {
      return statSync(input).mtimeMs >= builtAt;
    } catch {
      return true;
    }
  });
}
function warnIfStale(): void {
  const stale = staleInputs();
  if (stale.length > 0) {
    console.log(`  (!) edited during the run, so some rounds ran the sources: ${stale.join(', ')}`);
  }
}
const node =
  (args: string[], env: NodeJS.ProcessEnv = {}) =>
  () =>
    execFileSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } });
const emptyNew = path.join(root, 'cli-empty-new');
const emptyOld = path.join(root, 'cli-empty-old');
node(['bin/qdn.js', 'job', 'list', '--workspace', emptyNew])();
if (baseline)
  node([path.join(baseline.dir, 'bin/qdn.js'), 'job', 'list', '--workspace', emptyOld])();
{
  const subjects: Record<string, () => unknown> = {
    floor: node(['-e', '0']),
    new: node(['bin/qdn.js', 'job', 'list', '--workspace', emptyNew]),
  };
  if (baseline) {
    subjects.today = node([
      path.join(baseline.dir, 'bin/qdn.js'),
      ...['job', 'list', '--workspace', emptyOld],
    ]);
  }
  const s = await interleave(7, subjects);
  row('`qdn job list`, empty sandbox (vs node -e 0)', s.floor!, s.today ?? null, s.new!, '≤ 2×');
  warnIfStale();
}
{
  const text = jobsText(10_000);
  const add = ['job', 'add', '--name', 'Mark', '--address', 'Soderblom Ave'];
  add.push('--pickup', pickup, '--price', '600');
  const newWs = await seeded('cli-add-new', text);
  const oldWs = await seeded('cli-add-old', text);
  const floorWs = await seeded('cli-add-floor', text);
  const subjects: Record<string, () => unknown> = {
    node: node(['-e', '0']),
    floor: () => floor(path.join(floorWs, 'data', 'jobs.json')),
    new: node(['bin/qdn.js', ...add, '--workspace', newWs]),
  };
  if (baseline) {
    subjects.today = node([path.join(baseline.dir, 'bin/qdn.js'), ...add, '--workspace', oldWs]);
  }
  // As for the creates above: one untimed round, the workspace as it is after its first write.
  for (const run of Object.values(subjects)) await run();
  const s = await interleave(7, subjects);
  const base: Stat = {
    median: s.node!.median + s.floor!.median,
    min: s.node!.min + s.floor!.min,
    max: s.node!.max + s.floor!.max,
  };
  row(
    '`qdn job add`, 10k jobs (vs node -e 0 + the P1 floor)',
    base,
    s.today ?? null,
    s.new!,
    '≤ 1.5×',
  );
  warnIfStale();
}

// --- the disk ----------------------------------------------------------------------------
async function usage(dir: string): Promise<{ bytes: number; files: number; folders: number }> {
  let bytes = 0;
  let files = 0;
  let folders = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) folders++;
    else if (entry.isFile()) {
      files++;
      bytes += (await fsStat(file)).size;
    }
  }
  return { bytes, files, folders };
}

async function diskAfter(code: Code, dir: string, jobs: number, writes: number) {
  if (jobs > 0) {
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    await writeFile(path.join(dir, 'data', 'jobs.json'), jobsText(jobs));
  }
  const ws = await code.openWorkspace(dir);
  for (let i = 0; i < writes; i++) await createOn(ws.jobs);
  const live = (await fsStat(path.join(dir, 'data', 'jobs.json'))).size;
  const use = await usage(dir);
  return { ...use, live, ratio: use.bytes / live };
}

function diskRow(
  name: string,
  old: Awaited<ReturnType<typeof diskAfter>> | null,
  fresh: Awaited<ReturnType<typeof diskAfter>>,
  note = '',
) {
  const say = (d: typeof fresh) =>
    `${d.ratio.toFixed(2)}× (${(d.bytes / 1e6).toFixed(1)} MB in ${d.files} files + ${d.folders} folders; jobs.json ${(d.live / 1e6).toFixed(1)} MB)`;
  console.log(
    `${name}\n  today ${old ? say(old) : 'n/a'}${note}\n  new ${say(fresh)} (target ≤ 3×)`,
  );
}

diskRow(
  'disk after 100 writes at 10k jobs (whole workspace vs live jobs.json)',
  today ? await diskAfter(today, path.join(root, 'disk-100-old'), 1000, 100) : null,
  await diskAfter(now, path.join(root, 'disk-100-new'), 10_000, 100),
  ' — measured at 1k jobs (at 10k the old code takes minutes; its versions scale with the file)',
);
diskRow(
  'disk after 1,000 creates, fresh sandbox',
  today ? await diskAfter(today, path.join(root, 'disk-1000-old'), 0, 1000) : null,
  await diskAfter(now, path.join(root, 'disk-1000-new'), 0, 1000),
);

// --- a year of jobs, 30 a day, with and without the archive ------------------------------
console.log('\na year of jobs (30 a day; each finished the day it was created):');
console.log(
  '| month | jobs.json, archive on | create, archive on | jobs.json, archive off | create, archive off |',
);
const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 1);
const year: Record<'on' | 'off', { dir: string; clock: { now: Date } }> = {
  on: { dir: path.join(root, 'year-on'), clock: { now: new Date(start) } },
  off: { dir: path.join(root, 'year-off'), clock: { now: new Date(start) } },
};
for (let month = 1; month <= 12; month++) {
  const cells: string[] = [];
  for (const mode of ['on', 'off'] as const) {
    const { dir, clock } = year[mode];
    clock.now = new Date(start + month * 30 * DAY);
    const repository = new JobsRepository(new LocalFolderStore(path.join(dir, 'data')));
    await repository.update((jobs) => {
      const added = Array.from({ length: 900 }, (_, i) =>
        realisticJob(i, start + (month - 1) * 30 * DAY, 'completed'),
      );
      return { jobs: [...jobs, ...added], changed: added, result: null };
    });
    const service = () =>
      new JobsService(
        new JobsRepository(new LocalFolderStore(path.join(dir, 'data'))),
        new StatusPublisher([new LocalFolderStore(path.join(dir, 'prod'), prodOptions)], business, {
          days: 30,
          clock: () => clock.now,
        }),
        () => clock.now,
        30,
      );
    if (mode === 'on') await service().archive();
    const times = [];
    // The year's clock runs past the input's pickup; core refuses a past pickup unless confirmed.
    const late = { ...input, allow_past_pickup: true };
    for (let i = 0; i < 3; i++) times.push(await time(() => service().createJob(late)));
    const size = (await fsStat(path.join(dir, 'data', 'jobs.json'))).size;
    cells.push(`${(size / 1e6).toFixed(1)} MB`, `${stat(times).median.toFixed(0)} ms`);
  }
  if ([1, 2, 3, 6, 9, 12].includes(month)) console.log(`| ${month} | ${cells.join(' | ')} |`);
}

baseline?.remove();
await rm(root, { recursive: true, force: true });
