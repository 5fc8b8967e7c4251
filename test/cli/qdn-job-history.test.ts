import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeJobsFile } from '../../src/core/jobs/jobs-file';
import type { Job } from '../../src/shared/job';
import { nextYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 15, points 3 and 4, as a dispatcher meets them: `qdn job versions` exits 0, and a
// restore keeps what it replaced, so restoring that undoes it.

const PICKUP = nextYear('21:00:00Z');
const MARK = ['--name', 'Mark', '--address', 'Soderblom Ave', '--pickup', PICKUP, '--price', '600'];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-history-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** `n` valid jobs, as a dispatcher might paste them into jobs.json by hand. */
function pastedJobs(n: number): Job[] {
  return Array.from({ length: n }, (_, i) => ({
    job_id: randomBytes(8).toString('hex'),
    customer_name: `Customer ${i}`,
    address: `${i} Main St`,
    status: 'scheduled',
    pickup_date: PICKUP,
    price: 100 + i,
    currency: 'USD',
    tracking_token: randomBytes(24).toString('base64url'),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString().replace('.000', ''),
  }));
}

interface Listed {
  versions: { versionId: string; jobs: number | null; problem: string | null }[];
}

describe('qdn job versions / restore', () => {
  it('exits 0 on a healthy workspace, with the versions as JSON and nothing on stderr', async () => {
    const ws = path.join(root, 'healthy');
    expect((await runQdn(['job', 'add', '--workspace', ws, ...MARK])).code).toBe(0);
    const listed = await runQdn(['job', 'versions', '--workspace', ws]);
    expect(listed).toEqual({ code: 0, stdout: '{"versions":[]}\n', stderr: '' });
  });

  it(
    'a restore of a 1-job version keeps the 404 jobs it replaced; restoring them undoes it',
    { timeout: 60_000 },
    async () => {
      const ws = path.join(root, 'round-trip');
      const qdn = (...args: string[]) => runQdn(['job', ...args, '--workspace', ws]);
      expect((await qdn('add', ...MARK)).code).toBe(0);
      const jobsFile = path.join(ws, 'data', 'jobs.json');
      const oneJob = await readFile(jobsFile, 'utf8');
      // 403 jobs pasted in by hand, then one more added: 404 jobs on the board.
      await writeFile(jobsFile, serializeJobsFile(pastedJobs(403)));
      expect((await qdn('add', ...MARK.slice(0, -2), '--price', '650')).code).toBe(0);
      const full = await readFile(jobsFile, 'utf8');

      const before = await qdn('versions');
      expect(before.code).toBe(0);
      const earlier = (JSON.parse(before.stdout) as Listed).versions;
      expect(earlier.map((v) => v.jobs)).toEqual([403, 1]);

      const restored = await qdn('restore', earlier[1]!.versionId);
      expect(restored.code).toBe(0);
      expect(JSON.parse(restored.stdout)).toMatchObject({ jobs: 1 });
      expect(await readFile(jobsFile, 'utf8')).toBe(oneJob);

      // What the restore replaced is the newest version; nothing older was dropped.
      const after = await qdn('versions');
      expect(after.code).toBe(0);
      const kept = (JSON.parse(after.stdout) as Listed).versions;
      expect(kept.map((v) => v.jobs)).toEqual([404, 403, 1]);
      expect(kept.every((v) => v.problem === null)).toBe(true);

      const undone = await qdn('restore', kept[0]!.versionId);
      expect(undone.code).toBe(0);
      expect(JSON.parse(undone.stdout)).toMatchObject({ restored: kept[0]!.versionId, jobs: 404 });
      expect(await readFile(jobsFile, 'utf8')).toBe(full);
      const board = JSON.parse((await qdn('list')).stdout) as { jobs: unknown[] };
      expect(board.jobs).toHaveLength(404);
      // And the undo is itself undoable: the 1-job board it replaced is kept too.
      const last = (JSON.parse((await qdn('versions')).stdout) as Listed).versions;
      expect(last.map((v) => v.jobs)).toEqual([1, 404, 403, 1]);
    },
  );
});
