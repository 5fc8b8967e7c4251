import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 17: `qdn job set-status` marks a scheduled job completed in one move (its history names
// the steps skipped), takes it back several steps with one --reason, and schedules a request
// with no quote only with --reason (the customer's confirmation by phone). Each command runs as
// a user would: its own `qdn` process on a temp sandbox workspace.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const PICKUP = nextYear('21:00:00Z');
const MARK = ['--name', 'Mark', '--address', 'Soderblom Ave', '--pickup', PICKUP, '--price', '600'];

interface PrintedJob {
  job_id: string;
  status: string;
  history: { status: string; event?: string; reason?: string; skipped?: string[] }[];
  [field: string]: unknown;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-set-status-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function qdn(ws: string, ...args: string[]): Promise<PrintedJob> {
  const result = await runQdn([...args, '--workspace', ws], FROM_SOURCE);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as PrintedJob;
}

describe('qdn job set-status (issue 17)', () => {
  it('completes a scheduled job in one move, then takes it back to Scheduled with one reason', async () => {
    const ws = path.join(root, 'office');
    const added = await qdn(ws, 'job', 'add', ...MARK);
    const done = await qdn(ws, 'job', 'set-status', added.job_id, 'completed');
    expect(done.status).toBe('completed');
    expect(done.history.map((h) => [h.status, h.skipped])).toEqual([
      ['scheduled', undefined],
      ['completed', ['en_route', 'on_site']],
    ]);

    const jobsFile = path.join(ws, 'data', 'jobs.json');
    const before = await readFile(jobsFile, 'utf8');
    const refused = await runQdn(
      ['job', 'set-status', added.job_id, 'scheduled', '--workspace', ws],
      FROM_SOURCE,
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /Moving a job back needs a reason .*Give it with --reason TEXT\./,
    );
    expect(await readFile(jobsFile, 'utf8')).toBe(before);

    const back = await qdn(
      ws,
      'job',
      'set-status',
      added.job_id,
      'scheduled',
      '--reason',
      'wrong job marked',
    );
    expect(back.status).toBe('scheduled');
    expect(back.history).toHaveLength(3);
    expect(back.history.at(-1)).toMatchObject({
      status: 'scheduled',
      event: 'status',
      reason: 'wrong job marked',
    });
  });

  it('schedules a request with no quote only with --reason, the phone confirmation', async () => {
    const ws = path.join(root, 'phone');
    const lead = await qdn(ws, 'job', 'add', '--status', 'requested', ...MARK.slice(0, 6));
    expect(lead).toMatchObject({ status: 'requested', price: 0 });

    const jobsFile = path.join(ws, 'data', 'jobs.json');
    const before = await readFile(jobsFile, 'utf8');
    const refused = await runQdn(
      ['job', 'set-status', lead.job_id, 'scheduled', '--workspace', ws],
      FROM_SOURCE,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^qdn: This request has no quote yet: .*--reason TEXT\.\n$/);
    expect(await readFile(jobsFile, 'utf8')).toBe(before);

    const scheduled = await qdn(
      ws,
      'job',
      'set-status',
      lead.job_id,
      'scheduled',
      '--reason',
      'confirmed by phone',
    );
    expect(scheduled.status).toBe('scheduled');
    expect(scheduled.history.at(-1)).toMatchObject({
      status: 'scheduled',
      reason: 'confirmed by phone',
      confirmed: 'phone',
    });
  });
});
