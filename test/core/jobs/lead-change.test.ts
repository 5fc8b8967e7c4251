import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { addLead, createLead } from '../../../src/core/jobs/lead-change';
import { PastPickupError } from '../../../src/core/jobs/job-field-checks';
import { StatusPublisher, statusDocumentBody } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';

// Issue 17: a phoned-in lead is a Requested job, as the booking inbox makes one — no price until
// it is quoted, the customer's preferred pickup, a history that starts at Requested. Saved with
// jobs.json's write, then its page published: faulted at each store call, no job is lost, a lead
// that says it saved did, and the start-up republish brings every page current.

const BUSINESS = { name: 'QuickDumpNow' };
const NOW = new Date('2031-04-01T15:00:00Z');
const LEAD = {
  customer_name: 'Priya Nair',
  address: '2250 N Lincoln Ave',
  pickup_date: '2031-05-01T18:00:00Z',
  pickup_window_end: '2031-05-01T22:00:00Z',
  phone: '+1 312 555 0142',
  service: 'Hot tub removal',
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-lead-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function newWorld(): Promise<{ data: ObjectStore; prod: ObjectStore }> {
  const dir = await mkdtemp(path.join(root, 'w-'));
  return {
    data: new LocalFolderStore(path.join(dir, 'data')),
    prod: new LocalFolderStore(path.join(dir, 'prod')),
  };
}

function portsOver(data: ObjectStore, prod: ObjectStore) {
  const repository = new JobsRepository(data);
  return { repository, jobs: new JobsService(repository, new StatusPublisher([prod], BUSINESS)) };
}

describe('addLead', () => {
  it('makes a Requested job with no price, its history starting at Requested', () => {
    const { result, jobs, changed } = addLead(LEAD, NOW, 'ana (cli)')([]);
    expect(result).toMatchObject({ ...LEAD, status: 'requested', price: 0, currency: 'USD' });
    expect(result.history).toEqual([
      { status: 'requested', at: NOW.toISOString(), event: 'created', by: 'ana (cli)' },
    ]);
    expect(result).not.toHaveProperty('quoted_at');
    expect(jobs).toEqual([result]);
    expect(changed).toEqual([result]);
  });

  it('is the same lead when a lost race runs it again (one id, one token)', () => {
    const change = addLead(LEAD, NOW);
    const first = change([]).result;
    const other = { ...first, job_id: '0123456789abcdef', tracking_token: 'x'.repeat(43) } as Job;
    const again = change([other]).result;
    expect(again).toBe(first);
    expect(change.appends!(() => false).result).toBe(first);
  });

  it('refuses what a new job refuses: a pickup already over', () => {
    expect(() =>
      addLead({ ...LEAD, pickup_date: '2031-03-01T18:00:00Z', pickup_window_end: undefined }, NOW),
    ).toThrow(PastPickupError);
  });
});

describe('createLead, faulted at each store call', () => {
  it('loses no job, saves what it says it saved, and its page follows', async () => {
    const report = await forEachFault(async (plan, fault) => {
      const { data, prod } = await newWorld();
      const before = await portsOver(data, prod).jobs.createJob({
        ...LEAD,
        customer_name: 'Mark',
        price: 600,
      });
      const faulted = portsOver(plan.wrap(data, 'data'), plan.wrap(prod, 'prod'));
      let saved: Job | null = null;
      const outcome = await settleOrAbandon(
        createLead(faulted, LEAD, {}, NOW).then((s) => (saved = s.job)),
        plan,
      );
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');

      const jobs = await new JobsRepository(data).list();
      expect(jobs[0]).toEqual(before.job);
      expect(jobs.length).toBeLessThanOrEqual(2);
      if (saved) expect(jobs[1]).toEqual(saved);
      if (jobs[1]) expect(jobs[1]).toMatchObject({ status: 'requested', price: 0 });
      // The page goes out after the save: never a page of a lead jobs.json does not hold.
      const tokens = new Set(jobs.map((j) => statusDocumentKey(j.tracking_token)));
      expect((await prod.list('api/track/')).filter((m) => !tokens.has(m.key))).toEqual([]);

      // The healing re-run: what the console and `qdn sandbox` do at start-up.
      await portsOver(data, prod).jobs.republishAll();
      for (const job of await new JobsRepository(data).list()) {
        const doc = await prod.get(statusDocumentKey(job.tracking_token));
        expect(doc?.body.toString('utf8')).toBe(statusDocumentBody(job, BUSINESS));
      }
    });
    console.log(coverageLine('createLead (folder)', report));
    // jobs.json read and written; then JobsService.republish, as the inbox publishes a booking's
    // request: jobs.json read for the lead, its page's HEAD and write, jobs.json read again (a
    // change of the lead meanwhile is published too).
    expect(report.names).toEqual([
      'data.get',
      'data.put',
      'data.get',
      'prod.head',
      'prod.put',
      'data.get',
    ]);
  });
});
