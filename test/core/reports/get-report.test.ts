import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../src/core/console/core-api';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { coreArgs } from '../../../src/shared/api-args';
import { answerCall } from '../../../src/shared/call';
import type { Job } from '../../../src/shared/job';
import type { ReportResult } from '../../../src/shared/jobs/jobs-api';
import { addDays, dayKeyOf, zonedInstant } from '../../../src/shared/zoned-time';

// Issue 17, Reports, in the console: the contract's getReport gives what `qdn report` gives
// (one code path, core/reports/workspace-report.ts) over the board's and the archive's jobs,
// counting each job on the day it was completed in the business's zone, and refuses a range
// that is not one.

const DAY_MS = 86_400_000;

let root: string;
let ws: Workspace;
let zone: string;
let day: string;
let beforeMidnight: Job;
let atMidnight: Job;
let lastSecond: Job;
let archivedJob: Job;

function completed(id: number, doneAt: Date, fields: Partial<Job> = {}): Job {
  const jobId = id.toString(16).padStart(16, 'b');
  const created = new Date(doneAt.getTime() - DAY_MS).toISOString();
  return {
    job_id: jobId,
    customer_name: `Customer ${id}`,
    address: '1 Elm St',
    status: 'completed',
    pickup_date: created,
    price: 100,
    currency: 'USD',
    tracking_token: `${jobId}${'t'.repeat(32)}`,
    created_at: created,
    history: [
      { status: 'scheduled', at: created },
      { status: 'completed', at: doneAt.toISOString() },
    ],
    ...fields,
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-get-report-'));
  const folder = path.join(root, 'ws');
  ws = await openWorkspace(folder);
  zone = ws.config.business.time_zone;
  day = addDays(dayKeyOf(new Date(), zone), -3);
  const midnight = zonedInstant(day, 0, 0, zone);
  const nextMidnight = zonedInstant(addDays(day, 1), 0, 0, zone);
  beforeMidnight = completed(1, new Date(midnight.getTime() - 1000), { price: 11 });
  atMidnight = completed(2, midnight, { price: 250.1, assigned_to: 'Ana', service: 'Fridge' });
  lastSecond = completed(3, new Date(nextMidnight.getTime() - 1000), {
    price: 0.2,
    assigned_to: 'Ana',
  });
  // Done 40 days ago: `archive` moves it off the board (archive_after_days is 30).
  archivedJob = completed(4, new Date(Date.now() - 40 * DAY_MS), {
    price: 420.5,
    currency: 'CAD',
    assigned_to: 'Tom S.',
    service: 'Hot tub removal',
  });
  const open = { ...completed(5, midnight), status: 'scheduled' as const, history: [] };
  const jobs = [beforeMidnight, atMidnight, lastSecond, archivedJob, open];
  await mkdir(path.join(folder, 'data'), { recursive: true });
  await writeFile(
    path.join(folder, 'data', 'jobs.json'),
    `${JSON.stringify({ schema: 1, jobs }, null, 2)}\n`,
  );
  const moved = await ws.jobs.archive();
  expect(moved.map((job) => job.job_id)).toEqual([archivedJob.job_id]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function getReport(range: unknown) {
  return answerCall(createCoreApi(ws), coreArgs, 'getReport', [range]);
}

describe("the contract's getReport", () => {
  it('counts a day from its midnight to the last second before the next, in the zone', async () => {
    const answer = await getReport({ from: day, to: day });
    if (!answer.ok) throw new Error(answer.error.message);
    const { report, rows, csv } = answer.value as ReportResult;
    expect(rows.map((row) => row.job_id)).toEqual([atMidnight.job_id, lastSecond.job_id]);
    expect(report).toEqual({
      range: { from: day, to: day, time_zone: zone },
      jobs_done: 2,
      // Summed in cents: 250.1 + 0.2 as floats is 250.29999999999998.
      revenue: { USD: 250.3 },
      by_crew: [{ name: 'Ana', jobs_done: 2, revenue: { USD: 250.3 } }],
      by_service: [
        { name: 'Fridge', jobs_done: 1, revenue: { USD: 250.1 } },
        { name: null, jobs_done: 1, revenue: { USD: 0.2 } },
      ],
    });
    expect(csv).toBe(
      'date,customer,service,crew,price,currency\r\n' +
        `${day},Customer 2,Fridge,Ana,250.10,USD\r\n` +
        `${day},Customer 3,,Ana,0.20,USD\r\n`,
    );
  });

  it('takes the day before midnight as the day before', async () => {
    const answer = await getReport({ from: addDays(day, -1), to: addDays(day, -1) });
    if (!answer.ok) throw new Error(answer.error.message);
    const { rows } = answer.value as ReportResult;
    expect(rows.map((row) => [row.job_id, row.date])).toEqual([
      [beforeMidnight.job_id, addDays(day, -1)],
    ]);
  });

  it('counts archived jobs beside the board’s, currencies apart', async () => {
    const today = dayKeyOf(new Date(), zone);
    const answer = await getReport({ from: addDays(today, -60), to: today });
    if (!answer.ok) throw new Error(answer.error.message);
    const { report } = answer.value as ReportResult;
    expect(report.jobs_done).toBe(4);
    expect(report.revenue).toEqual({ CAD: 420.5, USD: 261.3 });
    expect(report.by_crew).toEqual([
      { name: 'Ana', jobs_done: 2, revenue: { USD: 250.3 } },
      { name: 'Tom S.', jobs_done: 1, revenue: { CAD: 420.5 } },
      { name: null, jobs_done: 1, revenue: { USD: 11 } },
    ]);
  });

  it.each([
    ['a day that is not one', { from: '2026-02-30', to: '2026-03-01' }, 'from: no such day'],
    ['a range backwards', { from: '2026-12-09', to: '2026-12-01' }, 'the first day is after'],
    ['more than a year', { from: '2025-01-01', to: '2026-01-02' }, 'at most 366 days'],
    ['a day in another form', { from: '12/01/2026', to: '2026-12-08' }, 'looks like 2026-12-08'],
    ['an end missing', { from: '2026-12-01' }, 'to: '],
    ['a key the contract lacks', { from: '2026-12-01', to: '2026-12-08', zone: 'UTC' }, 'zone'],
  ])('refuses %s as bad input, saying why', async (_what, range, why) => {
    const answer = await getReport(range);
    expect(answer).toEqual({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining(why) },
    });
    if (!answer.ok) expect(answer.error.message).not.toContain('; ');
  });

  it('takes a whole leap year', async () => {
    const answer = await getReport({ from: '2028-01-01', to: '2028-12-31' });
    expect(answer.ok).toBe(true);
  });
});
