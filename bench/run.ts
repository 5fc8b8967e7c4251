// `npm run bench`: each case is timed next to a baseline in the same run and reported as a
// ratio, so the numbers mean the same on a slow CI box and a fast laptop.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addJob } from '../src/core/jobs/job-changes';
import type { Job } from '../src/shared/job';
import { JobsRepository } from '../src/core/jobs/jobs-repository';
import { JobsService } from '../src/core/jobs/jobs-service';
import { StatusPublisher } from '../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../src/core/storage/local-folder-store';

interface Case {
  name: string;
  baseline: { name: string; run: () => Promise<void> | void };
  subject: () => Promise<void> | void;
  rounds: number;
}

/** Median of `rounds` timings, alternating baseline and subject so drift hits both alike. */
async function measure({ baseline, subject, rounds }: Case) {
  const times = { baseline: [] as number[], subject: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    for (const [key, run] of [
      ['baseline', baseline.run],
      ['subject', subject],
    ] as const) {
      const start = performance.now();
      await run();
      times[key].push(performance.now() - start);
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { baseline: median(times.baseline), subject: median(times.subject) };
}

const root = await mkdtemp(path.join(tmpdir(), 'qdn-bench-'));
const node = (args: string[]): void => {
  execFileSync(process.execPath, args, { stdio: 'ignore' });
};
const workspace = path.join(root, 'ws');
node(['bin/qdn.js', 'job', 'list', '--workspace', workspace]); // creates the sandbox

let n = 0;
const folder = new LocalFolderStore(path.join(root, 'store'));
const body = Buffer.alloc(4096, 'x');

const jobsStore = new LocalFolderStore(path.join(root, 'jobs'));
const prod = new LocalFolderStore(path.join(root, 'prod'));
const repository = new JobsRepository(jobsStore);
const service = new JobsService(repository, new StatusPublisher([prod], { name: 'Q' }));
await repository.update((jobs) => {
  let all: Job[] = [...jobs];
  for (let i = 0; i < 200; i++) {
    const input = {
      customer_name: `C${i}`,
      address: `${i} Elm St`,
      pickup_date: '2026-12-01T16:00:00Z',
      price: 100,
    };
    all = addJob(input, new Date(Date.UTC(2026, 10, 28, 9, 0, i)))(all).jobs;
  }
  return { jobs: all, changed: all, result: null };
});
await service.republishAll();

const cases: Case[] = [
  {
    name: '`qdn job list` on a sandbox (AWS SDK loaded only for AWS workspaces)',
    baseline: { name: 'bare `node -e 0`', run: () => node(['-e', '0']) },
    subject: () => node(['bin/qdn.js', 'job', 'list', '--workspace', workspace]),
    rounds: 7,
  },
  {
    name: 'importing the S3 client, which a sandbox call skips',
    baseline: { name: 'bare `node -e 0`', run: () => node(['-e', '0']) },
    subject: () => node(['--input-type=module', '-e', "await import('@aws-sdk/client-s3')"]),
    rounds: 7,
  },
  {
    name: 'a durable folder-store put (fsync file + directory, kept version, lock)',
    baseline: {
      name: 'plain fs.writeFile',
      run: () => writeFile(path.join(root, `plain-${n++}`), body),
    },
    subject: async () => {
      await folder.put(`obj-${n++}`, body);
    },
    rounds: 101,
  },
  {
    name: 'start-up refresh of 200 unchanged status documents (HEADs only)',
    baseline: {
      name: 'reading jobs.json (200 jobs)',
      run: async () => void (await repository.list()),
    },
    subject: () => service.republishAll(),
    rounds: 9,
  },
];

try {
  for (const c of cases) {
    const { baseline, subject } = await measure(c);
    console.log(
      `${c.name}\n  ${(subject / baseline).toFixed(2)}× ${c.baseline.name} ` +
        `(median ${subject.toFixed(1)} ms vs ${baseline.toFixed(1)} ms, ${c.rounds} rounds)`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
