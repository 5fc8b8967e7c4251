import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chicagoYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 17, the CLI: `--pickup 2026-12-08 15:00` and `2026-12-08T15:00` were refused ("needs a
// date and time"); they are read on the business's clocks (config.json's business.time_zone),
// Z and offsets keep working, and a value that is not a time says which forms are.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const YEAR = chicagoYear() + 1;
const DAY = `${YEAR}-12-08`; // standard time in Chicago (UTC−6) and Berlin (UTC+1)

/** The second Sunday of March next year: Chicago's clocks jump from 2:00 to 3:00 AM. */
function springForward(): string {
  for (let day = 8; ; day++) {
    if (new Date(Date.UTC(YEAR, 2, day)).getUTCDay() === 0) return `${YEAR}-03-${day}`;
  }
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-pickup-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const base = ['--name', 'Olivia', '--address', '4410 N Clark St', '--price', '540'];

async function add(ws: string, ...flags: string[]) {
  return runQdn(['job', 'add', '--workspace', ws, ...base, ...flags], FROM_SOURCE);
}

/** A workspace whose business is in `zone`. */
async function workspaceIn(name: string, zone: string): Promise<string> {
  const ws = path.join(root, name);
  expect((await runQdn(['job', 'list', '--workspace', ws], FROM_SOURCE)).code).toBe(0);
  const file = path.join(ws, 'config.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { business: Record<string, unknown> };
  config.business.time_zone = zone;
  await writeFile(file, JSON.stringify(config, null, 2));
  return ws;
}

describe('qdn job add/edit --pickup as a dispatcher types it', () => {
  it('reads "DAY 15:00" and "DAYT15:00" in the business zone, and Z and offsets as given', async () => {
    const ws = path.join(root, 'chicago');
    const cases: [string[], string, string | undefined][] = [
      [['--pickup', `${DAY} 15:00`], `${DAY}T21:00:00Z`, undefined],
      [
        ['--pickup', `${DAY}T15:00`, '--pickup-end', `${DAY} 17:30`],
        `${DAY}T21:00:00Z`,
        `${DAY}T23:30:00Z`,
      ],
      [['--pickup', `${DAY}T15:00-06:00`], `${DAY}T21:00:00Z`, undefined],
      [['--pickup', `${DAY}T21:00Z`], `${DAY}T21:00:00Z`, undefined],
      [['--pickup', `${DAY}T21:00:00Z`], `${DAY}T21:00:00Z`, undefined],
    ];
    for (const [flags, start, end] of cases) {
      const run = await add(ws, ...flags);
      expect(run.code, run.stderr).toBe(0);
      const job = JSON.parse(run.stdout) as { pickup_date: string; pickup_window_end?: string };
      expect(job.pickup_date).toBe(start);
      expect(job.pickup_window_end).toBe(end);
    }
  });

  it('reads the same typed time in another business zone as that zone’s 3 PM', async () => {
    const ws = await workspaceIn('berlin', 'Europe/Berlin');
    const run = await add(ws, '--pickup', `${DAY} 15:00`);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { pickup_date: string }).pickup_date).toBe(
      `${DAY}T14:00:00Z`,
    );
  });

  it('qdn job edit --pickup takes the same forms', async () => {
    const ws = path.join(root, 'edit');
    const added = await add(ws, '--pickup', `${DAY} 09:00`);
    const { job_id: jobId } = JSON.parse(added.stdout) as { job_id: string };
    const edited = await runQdn(
      [
        'job',
        'edit',
        jobId,
        '--workspace',
        ws,
        '--pickup',
        `${DAY} 13:00`,
        '--pickup-end',
        `${DAY}T16:00`,
      ],
      FROM_SOURCE,
    );
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({
      pickup_date: `${DAY}T19:00:00Z`,
      pickup_window_end: `${DAY}T22:00:00Z`,
    });
  });

  it('a value that is not a time says which forms work, in the zone, and touches nothing', async () => {
    const fresh = path.join(root, 'never-made');
    const run = await add(fresh, '--pickup', 'tomorrow');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'qdn: --pickup needs a date and time like 2026-12-08 15:00 (read in America/Chicago), 2026-12-08T15:00 or 2026-12-08T21:00Z, got "tomorrow"\n',
    );
    expect(existsSync(fresh)).toBe(false);

    const ws = await workspaceIn('refusals', 'Europe/Berlin');
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    expect((await add(ws, '--pickup', `${DAY} 10:00`)).code).toBe(0);
    const before = await readFile(jobsFile);
    const listed = await runQdn(['job', 'list', '--workspace', ws], FROM_SOURCE);
    const [{ job_id: jobId }] = (JSON.parse(listed.stdout) as { jobs: [{ job_id: string }] }).jobs;
    const end = await runQdn(
      ['job', 'edit', jobId, '--workspace', ws, '--pickup-end', '5pm'],
      FROM_SOURCE,
    );
    expect(end.code).toBe(2);
    expect(end.stderr).toContain(
      '--pickup-end needs a date and time like 2026-12-08 15:00 (read in Europe/Berlin)',
    );
    expect(await readFile(jobsFile)).toEqual(before);
  });

  it('a time the clocks jump over is refused in plain words, and nothing is saved', async () => {
    const ws = path.join(root, 'gap');
    expect((await add(ws, '--pickup', `${DAY} 10:00`)).code).toBe(0);
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    const before = await readFile(jobsFile);
    const run = await add(ws, '--pickup', `${springForward()} 02:30`);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `qdn: --pickup ${springForward()} 02:30 does not exist in America/Chicago: the clocks jump forward over that hour, so choose a time before or after it\n`,
    );
    expect(await readFile(jobsFile)).toEqual(before);
  });
});
