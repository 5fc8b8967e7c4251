// `npm run bench` (inbox): one `qdn inbox ingest` pass over 1,000 waiting booking requests in
// the sandbox's data folder, next to the floor of listing and reading the same 1,000
// submissions (what any pass must do before it can decide anything), in one run. "Today" is
// the same pass as of TODAY (before issue 7's last changes), extracted beside this code. Each
// round gets fresh folders holding the same submissions, prepared outside the timing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { ingestInbox, listInbox } from '../src/core/inbox/inbox-ingest';
import type { InboxDeps } from '../src/core/inbox/inbox-ingest';
import { JobsRepository } from '../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../src/core/storage/local-folder-store';
import type { IngestResult } from '../src/shared/inbox/inbox-api';
import { SUBMISSION_KEY_PREFIX } from '../src/shared/inbox/booking-document';
import { ms, stat, time } from './lib';
import type { Stat } from './lib';

const TODAY = 'ded8207';
const SUBMISSIONS = 1_000;
const ROUNDS = Number(process.env.QDN_BENCH_ROUNDS ?? 5);
/** The pass's own concurrency for reads (inbox-ingest.ts), so the floor reads alike. */
const READ_CONCURRENCY = 16;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The data folder as the sandbox opens it (open-workspace.ts): inbox/ keeps no versions. */
const dataStore = (dir: string) =>
  new LocalFolderStore(dir, { versioned: (key) => !key.startsWith('inbox/') });

type Ingest = (deps: InboxDeps) => Promise<IngestResult>;

/** TODAY's src/, extracted inside the checkout (so node_modules resolve); null without git. */
async function todaysIngest(): Promise<{ ingest: Ingest; remove: () => void } | null> {
  const dir = mkdtempSync(path.join(root, '.bench-baseline-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tar = execFileSync('git', ['archive', TODAY, 'src'], { cwd: root, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const module = (await import(
      pathToFileURL(path.join(dir, 'src/core/inbox/inbox-ingest.ts')).href
    )) as { ingestInbox: Ingest };
    return { ingest: module.ingestInbox, remove };
  } catch {
    remove();
    return null;
  }
}

/** Sent now for a week ahead, as real requests are: a fixed date drifts into the past. */
const SUBMITTED_AT = new Date().toISOString();
const PICKUP_DATE = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

function submission(i: number): string {
  return JSON.stringify({
    schema: 1,
    kind: 'request',
    id: `bench-request-${String(i).padStart(6, '0')}`,
    submitted_at: SUBMITTED_AT,
    name: `Customer ${i}`,
    phone: '(555) 010-0199',
    address: `${100 + i} Birch Lane, Apt ${i % 7}`,
    service: 'Garage cleanout',
    date: PICKUP_DATE,
    window: 'morning',
    notes: 'Gate code 1234',
  });
}

/** A data folder with the 1,000 submissions waiting under `prefix`. */
async function prepare(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'qdn-bench-inbox-'));
  const data = dataStore(dir);
  const limit = pLimit(READ_CONCURRENCY);
  await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, i) =>
      limit(() =>
        data.put(`${prefix}bench-${i}.json`, submission(i), { contentType: 'application/json' }),
      ),
    ),
  );
  return dir;
}

async function listAndRead(data: LocalFolderStore): Promise<void> {
  const limit = pLimit(READ_CONCURRENCY);
  const entries = await listInbox(data);
  const bodies = await Promise.all(entries.map((e) => limit(() => data.get(e.key))));
  if (bodies.filter(Boolean).length !== SUBMISSIONS) throw new Error('the floor read too few');
}

/** One pass over a fresh store (no in-process caches from the preparation). */
async function pass(ingest: Ingest, dir: string): Promise<void> {
  const store = dataStore(dir);
  const result = await ingest({
    data: store,
    repository: new JobsRepository(store),
    publish: () => Promise.resolve(),
    timeZone: 'America/Chicago',
  });
  if (result.created.length !== SUBMISSIONS) throw new Error('the pass created too few');
}

const today = await todaysIngest();
const times = { floor: [] as number[], today: [] as number[], now: [] as number[] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    const dir = await prepare(SUBMISSION_KEY_PREFIX);
    // TODAY's policy put submissions straight under inbox/, where its pass looks for them.
    const todayDir = today ? await prepare('inbox/') : null;
    try {
      times.floor.push(await time(() => listAndRead(dataStore(dir))));
      if (today && todayDir) times.today.push(await time(() => pass(today.ingest, todayDir)));
      times.now.push(await time(() => pass(ingestInbox, dir)));
      if ((await listInbox(dataStore(dir))).length !== 0) throw new Error('submissions were left');
    } finally {
      await rm(dir, { recursive: true, force: true });
      if (todayDir) await rm(todayDir, { recursive: true, force: true });
    }
  }
} finally {
  today?.remove();
}

const floor = stat(times.floor);
const ratio = (s: Stat) =>
  `${(s.median / floor.median).toFixed(2)}× [${(s.min / floor.median).toFixed(2)}–${(s.max / floor.median).toFixed(2)}]`;
const now = stat(times.now);
const before = times.today.length ? stat(times.today) : null;
console.log(
  `qdn inbox ingest, ${SUBMISSIONS.toLocaleString('en-US')} waiting requests (target ≤ 2×)\n` +
    `  today ${before ? ratio(before) : 'n/a'} → new ${ratio(now)} the floor; ` +
    `floor (list + read) ${ms(floor)}, today ${before ? ms(before) : 'n/a'}, new ${ms(now)}`,
);
process.exitCode = now.median / floor.median <= 2 ? 0 : 1;
