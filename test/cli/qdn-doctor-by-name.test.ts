import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chicagoYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 17 §9: "Jobs are found by name, not id". `qdn deploy doctor` takes a customer's name
// (or phone) as the console's link doctor does: one match is checked; several are listed with
// their ids, and the dispatcher is asked which (exit 2, nothing checked); none says so.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const DAY = `${chicagoYear() + 1}-12-08`;
let root: string;
let ws: string;
const ids: Record<string, string> = {};

const qdn = (...args: string[]) => runQdn([...args, '--workspace', ws], FROM_SOURCE);

async function add(name: string, phone: string): Promise<string> {
  const run = await qdn(
    ...['job', 'add', '--name', name, '--address', 'N Lincoln Ave', '--phone', phone],
    ...['--pickup', `${DAY} 13:00`, '--price', '350'],
  );
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { job_id: string }).job_id;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-doctor-name-'));
  ws = path.join(root, 'ws');
  ids.priya = await add('Priya Nair', '+1 312 555 0142');
  ids.priyaK = await add('Priya Kapoor', '+1 312 555 0199');
  ids.jose = await add('José Gonzalez', '+1 773 555 0110');
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('qdn deploy doctor NAME', () => {
  it("checks the one job whose customer's name holds the words, any case, accents aside", async () => {
    for (const words of [['Priya', 'Nair'], ['priya nair'], ['jose']]) {
      const run = await qdn('deploy', 'doctor', ...words);
      const report = JSON.parse(run.stdout) as { jobId: string; layers: unknown[] };
      expect(report.jobId).toBe(words[0] === 'jose' ? ids.jose : ids.priya);
      expect(report.layers.length).toBeGreaterThan(0);
    }
    const byPhone = await qdn('deploy', 'doctor', '555 0199');
    expect((JSON.parse(byPhone.stdout) as { jobId: string }).jobId).toBe(ids.priyaK);
  }, 60_000);

  it('lists several matches with their ids and asks for one, checking nothing', async () => {
    const run = await qdn('deploy', 'doctor', 'Priya');
    expect(run.code).toBe(2);
    const { matches, more } = JSON.parse(run.stdout) as {
      matches: { job_id: string; customer_name: string }[];
      more: number;
    };
    expect(matches.map((m) => m.job_id).sort()).toEqual([ids.priya, ids.priyaK].sort());
    expect(more).toBe(0);
    expect(run.stderr).toContain('2 jobs are for "Priya". Which one? qdn deploy doctor JOB_ID');
    expect(run.stderr).toContain(`${ids.priya}  Priya Nair · N Lincoln Ave · Scheduled · `);
    expect(run.stderr).toMatch(/Chicago time\n/);
    // The list and nothing else: no job's link was checked.
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/[✓✗]/);
  }, 30_000);

  it('says when no job is for the name, and still takes a job id', async () => {
    const none = await qdn('deploy', 'doctor', 'Zed');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      `qdn: No job on the board is for "Zed". Give a customer's name or phone, or a job id (qdn job list).\n`,
    );
    const byId = await qdn('deploy', 'doctor', ids.jose!);
    expect((JSON.parse(byId.stdout) as { jobId: string }).jobId).toBe(ids.jose);
  }, 30_000);
});
