import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteJob } from '../../../src/core/inbox/inbox-changes';
import { saveQuote } from '../../../src/core/inbox/quote-save';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { addLead } from '../../../src/core/jobs/lead-change';
import { StatusPublisher, statusDocumentBody } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import type { Job } from '../../../src/shared/job';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';

// Issue 17 §5: "the quote is not in the history". A quote is recorded in the job's history —
// the amount, the window offered, who quoted — and each refusal (no request, a revoked link, a
// pickup already over, no price) changes nothing. Saved, then its page published: faulted at
// each store call, no job is lost and no quote is recorded twice.

const BUSINESS = { name: 'QuickDumpNow' };
const NOW = new Date('2031-04-01T15:00:00Z');
const TZ = 'America/Chicago';
const LEAD = {
  customer_name: 'Priya Nair',
  address: '2250 N Lincoln Ave',
  pickup_date: '2031-05-01T18:00:00Z',
  phone: '+1 312 555 0142',
};
const QUOTE = {
  price: 350,
  pickup_date: '2031-05-02T18:00:00Z',
  pickup_window_end: '2031-05-02T22:00:00Z',
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-quote-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const leadOf = () => addLead(LEAD, NOW, 'ana (cli)')([]).result;

describe('quoteJob', () => {
  it('records the quote in the history: amount, window, and who quoted', () => {
    const lead = leadOf();
    const at = new Date('2031-04-02T16:00:00Z');
    const { result } = quoteJob(lead.job_id, QUOTE, at, 'ana (console)', { timeZone: TZ })([lead]);
    expect(result).toMatchObject({ ...QUOTE, status: 'requested', quoted_at: at.toISOString() });
    expect(result.history).toEqual([
      ...(lead.history ?? []),
      {
        status: 'requested',
        at: at.toISOString(),
        event: 'quote',
        by: 'ana (console)',
        quote: { ...QUOTE, currency: 'USD' },
      },
    ]);
    // A second quote (Change quote) is a second offer, not a rewrite of the first.
    const again = quoteJob(
      lead.job_id,
      { price: 300, pickup_date: QUOTE.pickup_date },
      at,
    )([result]).result;
    expect(again.history?.map((h) => h.event)).toEqual(['created', 'quote', 'quote']);
    expect(again.history?.at(-1)?.quote).toEqual({
      price: 300,
      currency: 'USD',
      pickup_date: QUOTE.pickup_date,
    });
    expect(again).not.toHaveProperty('pickup_window_end');
  });

  it('refuses a job past Requested, a revoked link, no price and a pickup already over', () => {
    const lead = leadOf();
    const scheduled: Job = { ...lead, job_id: '0123456789abcdef', status: 'scheduled' };
    const revoked: Job = { ...lead, token_revoked_at: NOW.toISOString() };
    expect(() => quoteJob(scheduled.job_id, QUOTE, NOW)([scheduled])).toThrow(
      'Only a requested job takes a quote; this one is Scheduled.',
    );
    expect(() => quoteJob(lead.job_id, QUOTE, NOW)([revoked])).toThrow('link is revoked');
    expect(() => quoteJob(lead.job_id, { ...QUOTE, price: 0 }, NOW)).toThrow(
      'price: must be more than zero',
    );
    expect(() =>
      quoteJob(lead.job_id, { price: 350, pickup_date: '2031-03-31T18:00:00Z' }, NOW, undefined, {
        timeZone: TZ,
      }),
    ).toThrow('The quoted pickup (Mon, Mar 31, 1:00 PM) is in the past: quote a time from now on.');
  });
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

describe('saveQuote', () => {
  it('a refused quote leaves jobs.json and the pages as they were', async () => {
    const { data, prod } = await newWorld();
    const ports = portsOver(data, prod);
    const mark = await ports.jobs.createJob({ ...LEAD, customer_name: 'Mark', price: 600 });
    const before = (await data.get('jobs.json'))?.body.toString('utf8');
    const pages = await prod.list('api/track/');
    await expect(saveQuote(ports, mark.job.job_id, QUOTE, {}, NOW)).rejects.toThrow(
      'Only a requested job takes a quote',
    );
    expect((await data.get('jobs.json'))?.body.toString('utf8')).toBe(before);
    expect(await prod.list('api/track/')).toEqual(pages);
  });

  it('faulted at each store call: loses no job, records the quote once, and its page follows', async () => {
    const report = await forEachFault(async (plan, fault) => {
      const { data, prod } = await newWorld();
      const clean = portsOver(data, prod);
      const mark = await clean.jobs.createJob({ ...LEAD, customer_name: 'Mark', price: 600 });
      // Taken at NOW, as the quote is saved at NOW.
      const taken = new JobsService(
        clean.repository,
        new StatusPublisher([prod], BUSINESS),
        () => NOW,
      );
      const lead = (await taken.createRequest(LEAD)).job;
      const faulted = portsOver(plan.wrap(data, 'data'), plan.wrap(prod, 'prod'));
      let saved: Job | null = null;
      const outcome = await settleOrAbandon(
        saveQuote(faulted, lead.job_id, QUOTE, { by: 'ana (console)' }, NOW).then(
          (s) => (saved = s.job),
        ),
        plan,
      );
      if (fault?.mode === 'fail') expect(outcome).not.toBe('stopped');

      const jobs = await new JobsRepository(data).list();
      expect(jobs).toHaveLength(2);
      expect(jobs[0]).toEqual(mark.job);
      const stored = jobs[1]!;
      // Either the quote landed whole (and is what the caller was told), or nothing changed.
      if (saved) expect(stored).toEqual(saved);
      if (stored.quoted_at === undefined) expect(stored).toEqual(lead);
      else expect(stored.history?.filter((h) => h.event === 'quote')).toHaveLength(1);

      // The healing re-run: the start-up republish, then the dispatcher quoting again.
      await portsOver(data, prod).jobs.republishAll();
      const healed = await saveQuote(portsOver(data, prod), lead.job_id, QUOTE, {}, NOW);
      expect(healed.warning).toBeNull();
      for (const job of await new JobsRepository(data).list()) {
        const doc = await prod.get(statusDocumentKey(job.tracking_token));
        expect(doc?.body.toString('utf8')).toBe(statusDocumentBody(job, BUSINESS));
      }
      expect(
        JSON.parse((await prod.get(statusDocumentKey(lead.tracking_token)))!.body.toString()),
      ).toMatchObject({ quote_ready: true });
    });
    console.log(coverageLine('saveQuote (folder)', report));
    // jobs.json read and written; then the page: jobs.json read for the job, its page's HEAD and
    // write, jobs.json read again (a change of the job meanwhile is published too).
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
