import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { addDays, dayKeyOf } from '../../src/shared/zoned-time';
import { runQdn } from './cli-helpers';

// Issue 17, Reports: `qdn report` did not exist. It prints jobs done and revenue over days in
// the business's zone (the last 7 by default, the range in the output), archived jobs
// included, and with --csv one row per completed job for the bookkeeper.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const ZONE = 'America/Chicago';
const HOUR = 3_600_000;
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * HOUR).toISOString().replace('.000', '');

function completed(id: number, doneAt: string, fields: Partial<Job>): Job {
  const jobId = id.toString(16).padStart(16, 'a');
  return {
    job_id: jobId,
    customer_name: `Customer ${id}`,
    address: '1 Elm St',
    status: 'completed',
    pickup_date: doneAt,
    price: 100,
    currency: 'USD',
    tracking_token: `${jobId}${'t'.repeat(32)}`,
    created_at: ago(24 * 60 + id),
    history: [
      { status: 'scheduled', at: ago(24 * 60 + id) },
      { status: 'completed', at: doneAt },
    ],
    ...fields,
  };
}

const OLD_DONE = ago(24 * 40);
const OLD_DAY = dayKeyOf(OLD_DONE, ZONE);
const JOBS: Job[] = [
  completed(1, OLD_DONE, {
    customer_name: 'Gonzalez, Maria "Mari"',
    price: 420.5,
    assigned_to: 'Ana',
  }),
  completed(2, ago(2), { price: 89.99, currency: 'CAD', assigned_to: 'Ana', service: 'Fridge' }),
  completed(3, ago(1), { price: 350, assigned_to: 'Tom S.', service: 'Hot tub removal' }),
  completed(4, ago(1), { status: 'scheduled', history: [], pickup_date: ago(-48) }),
].sort((a, b) => a.created_at.localeCompare(b.created_at));

let root: string;
let ws: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-report-'));
  ws = path.join(root, 'ws');
  expect((await runQdn(['job', 'list', '--workspace', ws], FROM_SOURCE)).code).toBe(0);
  await mkdir(path.join(ws, 'data'), { recursive: true });
  await writeFile(
    path.join(ws, 'data', 'jobs.json'),
    `${JSON.stringify({ schema: 1, jobs: JOBS }, null, 2)}\n`,
  );
  // The job done 40 days ago leaves the board for archive/YYYY-MM.json.
  const archived = await runQdn(['job', 'archive', '--workspace', ws], FROM_SOURCE);
  expect(archived.code, archived.stderr).toBe(0);
  expect(JSON.parse(archived.stdout)).toMatchObject({ archived: 1 });
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const report = (...args: string[]) => runQdn(['report', '--workspace', ws, ...args], FROM_SOURCE);

describe('qdn report', () => {
  it('totals the last 7 days by default, and says which days in which zone', async () => {
    const run = await report();
    expect(run.code, run.stderr).toBe(0);
    const today = dayKeyOf(new Date(), ZONE);
    expect(JSON.parse(run.stdout)).toEqual({
      range: { from: addDays(today, -6), to: today, time_zone: ZONE },
      jobs_done: 2,
      revenue: { CAD: 89.99, USD: 350 },
      by_crew: [
        { name: 'Ana', jobs_done: 1, revenue: { CAD: 89.99 } },
        { name: 'Tom S.', jobs_done: 1, revenue: { USD: 350 } },
      ],
      by_service: [
        { name: 'Fridge', jobs_done: 1, revenue: { CAD: 89.99 } },
        { name: 'Hot tub removal', jobs_done: 1, revenue: { USD: 350 } },
      ],
    });
  });

  it('still counts a job after it was archived', async () => {
    const run = await report('--from', OLD_DAY, '--to', OLD_DAY);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      jobs_done: 1,
      revenue: { USD: 420.5 },
      by_crew: [{ name: 'Ana', jobs_done: 1 }],
    });
  });

  it('--csv gives one row per completed job, with a header, quoted as RFC 4180 says', async () => {
    const run = await report('--from', OLD_DAY, '--csv');
    expect(run.code, run.stderr).toBe(0);
    const day = (iso: string) => dayKeyOf(iso, ZONE);
    expect(run.stdout).toBe(
      'date,customer,service,crew,price,currency\r\n' +
        `${OLD_DAY},"Gonzalez, Maria ""Mari""",,Ana,420.50,USD\r\n` +
        `${day(JOBS.find((j) => j.currency === 'CAD')!.history![1]!.at)},Customer 2,Fridge,Ana,89.99,CAD\r\n` +
        `${day(JOBS.find((j) => j.price === 350)!.history![1]!.at)},Customer 3,Hot tub removal,Tom S.,350.00,USD\r\n`,
    );
  });

  it('refuses a day that is not one, or a range backwards, before opening any workspace', async () => {
    const fresh = path.join(root, 'never-made');
    const bad = await runQdn(['report', '--workspace', fresh, '--from', '2026-02-30'], FROM_SOURCE);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from needs a day like 2026-12-08, got "2026-02-30"');
    const backwards = await runQdn(
      ['report', '--workspace', fresh, '--from', '2026-12-09', '--to', '2026-12-01'],
      FROM_SOURCE,
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toBe('qdn: --from 2026-12-09 is after --to 2026-12-01\n');
    expect(existsSync(fresh)).toBe(false);
  });
});
