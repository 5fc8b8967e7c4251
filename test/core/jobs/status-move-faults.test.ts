import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { StatusPublisher, statusDocumentBody } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { S3Store } from '../../../src/core/storage/s3-store';
import type { Job } from '../../../src/shared/job';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import type { JobStatus } from '../../../src/shared/status-flow';
import { startConditionalS3 } from '../../support/conditional-s3';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';

// Issue 17: a status move writes twice — jobs.json, then the customer's status document
// (src/core/jobs/jobs-service.ts `apply`). The moves issue 17 adds (the office marking a job
// done from Scheduled, a correction several steps back, a request scheduled on a phone
// confirmation) go that way too; each is failed or stopped at every store call in turn, on a
// folder store and on S3 (test/support/conditional-s3.ts). After each: no other job changed, the
// job is as it was or moved with exactly one history entry, and a move that says it saved did.
// After the clean re-run (the same move clicked again, then the start-up republish) the job is
// moved with one entry, never two, and every page is current.

const BUSINESS = { name: 'QuickDumpNow' };
const BUCKET = 'qdn-status-move-faults';
const NOW = new Date('2031-04-01T15:00:00Z');

let root: string;
let s3: ConditionalS3;
let client: S3Client;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-status-move-faults-'));
  s3 = await startConditionalS3([BUCKET]);
  client = s3.client();
});
afterAll(async () => {
  await s3?.close();
  await rm(root, { recursive: true, force: true });
});

let worlds = 0;
async function newWorld(kind: 'folder' | 's3'): Promise<{ data: ObjectStore; prod: ObjectStore }> {
  const dir = await mkdtemp(path.join(root, 'w-'));
  const prefix = `w${++worlds}-${randomBytes(4).toString('hex')}`;
  return {
    data:
      kind === 'folder'
        ? new LocalFolderStore(path.join(dir, 'data'))
        : new S3Store(client, BUCKET, `${prefix}/data`),
    prod:
      kind === 'folder'
        ? new LocalFolderStore(path.join(dir, 'prod'))
        : new S3Store(client, BUCKET, `${prefix}/prod`),
  };
}

const serviceOver = (data: ObjectStore, prod: ObjectStore) =>
  new JobsService(new JobsRepository(data), new StatusPublisher([prod], BUSINESS), () => NOW);

const input = (name: string) => ({
  customer_name: name,
  address: 'Soderblom Ave',
  pickup_date: '2031-05-01T16:00:00Z',
  price: 600,
});

interface Move {
  label: string;
  /** Makes the job to move, on clean ports. */
  setUp: (service: JobsService, data: ObjectStore) => Promise<Job>;
  to: JobStatus;
  reason?: string;
}

const MOVES: Move[] = [
  {
    label: 'office completion from Scheduled',
    setUp: async (service) => (await service.createJob(input('Mark'))).job,
    to: 'completed',
  },
  {
    label: 'correction Completed → Scheduled',
    setUp: async (service) => {
      const { job } = await service.createJob(input('Mark'));
      return (await service.setJobStatus(job.job_id, 'completed')).job;
    },
    to: 'scheduled',
    reason: 'wrong job marked',
  },
  {
    label: 'phone confirmation Requested → Scheduled',
    setUp: async (service) => {
      const lead = {
        customer_name: 'Priya',
        address: 'N Lincoln Ave',
        pickup_date: NOW.toISOString(),
      };
      return (await service.createRequest(lead)).job;
    },
    to: 'scheduled',
    reason: 'confirmed by phone',
  },
];

async function expectDocumentsCurrent(data: ObjectStore, prod: ObjectStore): Promise<void> {
  for (const job of await new JobsRepository(data).list()) {
    const doc = await prod.get(statusDocumentKey(job.tracking_token));
    expect(doc?.body.toString('utf8'), job.customer_name).toBe(statusDocumentBody(job, BUSINESS));
  }
}

describe.each(['folder', 's3'] as const)('issue 17 status moves, faulted (%s)', (kind) => {
  it.each(MOVES)('$label: loses nothing, moves once, and heals', async (move) => {
    const report = await forEachFault(async (plan, fault) => {
      const { data, prod } = await newWorld(kind);
      const clean = serviceOver(data, prod);
      const other = (await clean.createJob(input('Other'))).job;
      const job = await move.setUp(clean, data);
      const entries = job.history!.length;

      const faulted = serviceOver(plan.wrap(data, 'data'), plan.wrap(prod, 'prod'));
      let saved = false;
      const outcome = await settleOrAbandon(
        faulted.setJobStatus(job.job_id, move.to, move.reason).then(() => (saved = true)),
        plan,
      );
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');

      const byId = async () =>
        new Map((await new JobsRepository(data).list()).map((j) => [j.job_id, j]));
      let jobs = await byId();
      expect(jobs.size).toBe(2);
      expect(jobs.get(other.job_id)).toEqual(other);
      const after = jobs.get(job.job_id)!;
      if (saved) expect(after.status).toBe(move.to);
      if (after.status === move.to) expect(after.history).toHaveLength(entries + 1);
      else expect(after).toEqual(job);

      // The re-run: the move clicked again, then what the next start-up does.
      await serviceOver(data, prod).setJobStatus(job.job_id, move.to, move.reason);
      await serviceOver(data, prod).republishAll();
      jobs = await byId();
      expect(jobs.get(other.job_id)).toEqual(other);
      expect(jobs.get(job.job_id)!.status).toBe(move.to);
      expect(jobs.get(job.job_id)!.history).toHaveLength(entries + 1);
      await expectDocumentsCurrent(data, prod);
    });
    console.log(coverageLine(`JobsService.setJobStatus, ${move.label} (${kind})`, report));
    expect(report.names).toContain('data.put');
    expect(report.names).toContain('prod.put');
  });
});
