import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseJobCommand } from '../../src/cli/job-commands';
import { JobsRepository } from '../../src/core/jobs/jobs-repository';
import { JobsService } from '../../src/core/jobs/jobs-service';
import { StatusPublisher, statusDocumentBody } from '../../src/core/publishing/status-publisher';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import type { Workspace } from '../../src/core/workspace/open-workspace';
import type { Job } from '../../src/shared/job';
import { statusDocumentKey } from '../../src/shared/site-keys';
import { chicagoYear } from '../support/dates';
import { coverageLine, forEachFault, settleOrAbandon } from '../support/fault-plan';

// Issue 17: `qdn job add --status requested` is the console's "New request": one operation,
// JobsService.createRequest, not a second copy of it. Run as the CLI runs it (its parsed
// command on a workspace), faulted at each store call: no job lost, a lead that printed was
// saved, the start-up republish brings its page current, and the calls are createRequest's.

const CONTEXT = { timeZone: 'America/Chicago' };
const DAY = `${chicagoYear() + 1}-12-08`;
const ARGS = [
  'add',
  '--status',
  'requested',
  '--name',
  'Priya Nair',
  '--address',
  '2250 N Lincoln Ave',
  '--pickup',
  `${DAY} 13:00`,
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-job-add-lead-'));
  // linkBase warns on stderr that no local edge runs: true here, and noise in the log.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

describe('qdn job add --status requested', () => {
  it("is the console's createRequest, with the CLI as who took it", async () => {
    const ws = await openWorkspace(path.join(root, 'spy'));
    const createRequest = vi.spyOn(ws.jobs, 'createRequest');
    const printed: unknown[] = [];
    await parseJobCommand(ARGS, (v) => printed.push(v), CONTEXT)(ws);
    expect(createRequest).toHaveBeenCalledTimes(1);
    expect(createRequest.mock.calls[0]?.[0]).toMatchObject({ customer_name: 'Priya Nair' });
    expect(createRequest.mock.calls[0]?.[1]).toMatchObject({
      by: expect.stringMatching(/\(cli\)$/),
    });
    const [job] = await ws.jobs.listJobs();
    expect(printed).toEqual([
      expect.objectContaining({ job_id: job?.job_id, status: 'requested' }),
    ]);
  });

  it('faulted at each store call: loses no job, prints only what it saved, its page follows', async () => {
    const report = await forEachFault(async (plan, fault) => {
      const ws = await openWorkspace(await mkdtemp(path.join(root, 'w-')));
      const before = await ws.jobs.createJob({
        customer_name: 'Mark',
        address: 'Soderblom Ave',
        pickup_date: `${DAY}T18:00:00Z`,
        price: 600,
      });
      const repository = new JobsRepository(plan.wrap(ws.data, 'data'));
      const publisher = new StatusPublisher([plan.wrap(ws.sites.prod, 'prod')], ws.config.business);
      const faulted: Workspace = {
        ...ws,
        repository,
        jobs: new JobsService(repository, publisher),
      };
      const printed: Job[] = [];
      const outcome = await settleOrAbandon(
        parseJobCommand(ARGS, (v) => printed.push(v as Job), CONTEXT)(faulted),
        plan,
      );
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');

      const jobs = await ws.jobs.listJobs();
      expect(jobs.find((j) => j.job_id === before.job.job_id)).toEqual(before.job);
      expect(jobs.length).toBeLessThanOrEqual(2);
      const lead = jobs.find((j) => j.job_id !== before.job.job_id);
      for (const shown of printed) expect(shown).toMatchObject({ ...lead, status: 'requested' });
      if (lead) expect(lead).toMatchObject({ status: 'requested', price: 0 });
      const tokens = new Set(jobs.map((j) => statusDocumentKey(j.tracking_token)));
      expect((await ws.sites.prod.list('api/track/')).filter((m) => !tokens.has(m.key))).toEqual(
        [],
      );

      await ws.jobs.republishAll();
      for (const job of await ws.jobs.listJobs()) {
        const doc = await ws.sites.prod.get(statusDocumentKey(job.tracking_token));
        expect(doc?.body.toString('utf8')).toBe(statusDocumentBody(job, ws.config.business));
      }
    });
    console.log(coverageLine('qdn job add --status requested (folder)', report));
    // createRequest's calls (test/core/jobs/create-request.test.ts), not a copy's re-read.
    expect(report.names).toEqual(['data.get', 'data.put', 'prod.head', 'prod.put', 'data.head']);
  });
});
