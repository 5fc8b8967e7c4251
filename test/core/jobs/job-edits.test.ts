import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import type { JobActor } from '../../../src/core/jobs/job-actor';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { Job } from '../../../src/shared/job';
import type { JobEdit } from '../../../src/shared/jobs/job-edit';

let dir: string;
let data: LocalFolderStore;
let prod: LocalFolderStore;
let service: JobsService;
const NOW = new Date('2026-11-28T09:00:00Z');
const ACTOR: JobActor = {
  by: 'ana@dispatch (console)',
  rules: { phoneCountry: 'US', crew: ['Dana Whitfield', 'Truck 2'], timeZone: 'America/Chicago' },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-edits-'));
  data = new LocalFolderStore(path.join(dir, 'data'));
  prod = new LocalFolderStore(path.join(dir, 'prod'));
  service = new JobsService(
    new JobsRepository(data),
    new StatusPublisher([prod], { name: 'QuickDumpNow' }),
    () => NOW,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mark(extra: Partial<Job> = {}): Promise<Job> {
  const { job } = await service.createJob(
    {
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      pickup_date: '2026-11-29T16:00:00Z',
      price: 600,
      phone: '(312) 555-0142',
      ...extra,
    },
    ACTOR,
  );
  return job;
}

async function refused(jobId: string, edit: JobEdit, code: string, message: RegExp) {
  const before = (await data.head('jobs.json'))!.etag;
  await expect(service.editJob(jobId, edit, ACTOR)).rejects.toMatchObject({
    code,
    message: expect.stringMatching(message) as string,
  });
  expect((await data.head('jobs.json'))!.etag).toBe(before);
}

describe('editJob (issue 8 §2)', () => {
  it('changes typed fields, keeps the phone as typed, and records which fields, with old → new only for the work', async () => {
    const job = await mark();
    const { job: edited, warning } = await service.editJob(
      job.job_id,
      {
        changes: {
          phone: '+1 (312) 555-0199',
          email: 'mark@example.com',
          service: 'Garage clean-out',
          assigned_to: 'dana whitfield',
          pickup_window_end: '2026-11-29T18:00:00Z',
        },
      },
      ACTOR,
    );
    expect(warning).toBeNull();
    expect(edited).toMatchObject({
      phone: '+1 (312) 555-0199',
      email: 'mark@example.com',
      service: 'Garage clean-out',
      assigned_to: 'Dana Whitfield',
      pickup_window_end: '2026-11-29T18:00:00Z',
      updated_at: NOW.toISOString(),
    });
    const last = edited.history!.at(-1)!;
    expect(last).toEqual({
      status: 'scheduled',
      at: NOW.toISOString(),
      event: 'edit',
      by: ACTOR.by,
      fields: ['pickup_window_end', 'phone', 'email', 'service', 'assigned_to'],
      changes: {
        pickup_window_end: { from: null, to: '2026-11-29T18:00:00Z' },
        service: { from: null, to: 'Garage clean-out' },
        assigned_to: { from: null, to: 'Dana Whitfield' },
      },
    });
    expect(JSON.stringify(edited.history)).not.toContain('555-0199');
    expect(JSON.stringify(edited.history)).not.toContain('mark@example.com');
    expect((await service.listJobs())[0]).toEqual(edited);
  });

  it('clears an optional field with null or blank text, and an undo is just another edit', async () => {
    const job = await mark({ notes: 'side gate' });
    const { job: cleared } = await service.editJob(
      job.job_id,
      { changes: { notes: null, phone: '' } },
      ACTOR,
    );
    expect(cleared).not.toHaveProperty('notes');
    expect(cleared).not.toHaveProperty('phone');
    const { job: undone } = await service.editJob(
      job.job_id,
      { changes: { notes: 'side gate', phone: '(312) 555-0142' } },
      ACTOR,
    );
    expect(undone).toMatchObject({ notes: 'side gate', phone: '(312) 555-0142' });
    expect(undone.history!.map((h) => h.event)).toEqual(['created', 'edit', 'edit']);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const job = await mark();
    const before = (await data.head('jobs.json'))!.etag;
    const { job: same } = await service.editJob(
      job.job_id,
      { changes: { price: 600, pickup_date: '2026-11-29T10:00:00-06:00' } },
      ACTOR,
    );
    expect(same.history).toHaveLength(1);
    expect((await data.head('jobs.json'))!.etag).toBe(before);
  });

  it('publishes what the customer sees (name, price, window) and nothing personal', async () => {
    const job = await mark();
    await service.editJob(job.job_id, { changes: { price: 650, notes: 'dog in yard' } }, ACTOR);
    const doc = (await prod.get(`api/track/${job.tracking_token}.json`))!.body.toString('utf8');
    expect(JSON.parse(doc)).toMatchObject({ price: { amount: 650, currency: 'USD' } });
    expect(doc).not.toContain('dog in yard');
  });

  it('refuses (conflict) a field changed meanwhile, naming the new value, and writes nothing', async () => {
    const job = await mark();
    // Another laptop changed the phone after this dispatcher opened the form.
    await service.editJob(job.job_id, { changes: { phone: '(312) 555-0100' } }, ACTOR);
    await refused(
      job.job_id,
      {
        changes: { phone: '(312) 555-0177', price: 700 },
        base: { phone: '(312) 555-0142', price: 600 },
      },
      'conflict',
      /^Phone was changed meanwhile to "\(312\) 555-0100".*Nothing was saved/,
    );
    // A base that still matches is no conflict; a base for an unedited field is not checked.
    const { job: saved } = await service.editJob(
      job.job_id,
      { changes: { price: 700 }, base: { price: 600, phone: 'anything' } },
      ACTOR,
    );
    expect(saved.price).toBe(700);
  });

  it('says a field was cleared meanwhile', async () => {
    const job = await mark({ service: 'Sofa' });
    await service.editJob(job.job_id, { changes: { service: null } }, ACTOR);
    await refused(
      job.job_id,
      { changes: { service: 'Two sofas' }, base: { service: 'Sofa' } },
      'conflict',
      /^Service was cleared meanwhile/,
    );
  });

  it.each([
    ['a phone that cannot be one', { phone: '555 01' }, /^Phone is not a phone number/],
    ['letters as a phone', { phone: 'call me maybe' }, /phone.*is not a phone number/i],
    ['an email that is not one', { email: 'mark@' }, /^Email is not an email address/],
    ['an unknown currency', { currency: 'XYZ' }, /^Currency is not an ISO 4217 currency code/],
    ['a negative price', { price: -5 }, /^Price cannot be negative/],
    ['three decimals', { price: 1.005 }, /price.*at most 2 decimals/i],
    ['an absurd price', { price: 5_000_000 }, /price.*check the amount/i],
    ['a blank name', { customer_name: '  ' }, /^Name is required/],
    [
      'an assignee not in the crew',
      { assigned_to: 'Zed' },
      /"Zed" is not in the crew \(Dana Whitfield, Truck 2\)/,
    ],
    [
      'a window that ends first',
      { pickup_window_end: '2026-11-29T15:00:00Z' },
      /must end after it starts/,
    ],
    [
      'a pickup in the past',
      { pickup_date: '2026-11-27T16:00:00Z' },
      /^The pickup \(.*\) is in the past/,
    ],
  ])('refuses %s with a clear message and writes nothing', async (_label, changes, message) => {
    const job = await mark();
    await refused(job.job_id, { changes }, 'bad_request', message);
  });

  it('accepts a past pickup the dispatcher confirmed, and any assignee while no crew is kept', async () => {
    const job = await mark();
    const { job: edited } = await service.editJob(
      job.job_id,
      {
        changes: { pickup_date: '2026-11-27T16:00:00Z', assigned_to: 'Zed' },
        allow_past_pickup: true,
      },
      { by: 'cli', rules: {} },
    );
    expect(edited).toMatchObject({ pickup_date: '2026-11-27T16:00:00Z', assigned_to: 'Zed' });
  });

  it('refuses unknown fields and an empty edit', async () => {
    const job = await mark();
    await refused(job.job_id, { changes: {} }, 'bad_request', /change at least one field/);
    await refused(
      job.job_id,
      { changes: { status: 'completed' } } as unknown as JobEdit,
      'bad_request',
      /Invalid edit/,
    );
  });

  it('records a price and a pickup as old → new, and marks an undo (issue 17)', async () => {
    const job = await mark({ notes: 'gate code 1234' });
    const { job: edited } = await service.editJob(
      job.job_id,
      {
        changes: { price: 650, pickup_date: '2026-11-30T15:00:00Z', notes: 'gate code 9876' },
        base: { price: 600, pickup_date: '2026-11-29T16:00:00Z' },
      },
      ACTOR,
    );
    const edit = edited.history!.at(-1)!;
    expect(edit.changes).toEqual({
      price: { from: 600, to: 650 },
      pickup_date: { from: '2026-11-29T16:00:00Z', to: '2026-11-30T15:00:00Z' },
    });
    expect(edit.fields).toEqual(['pickup_date', 'price', 'notes']);
    expect(edit).not.toHaveProperty('undo');
    expect(JSON.stringify(edited.history)).not.toContain('gate code');

    const { job: undone } = await service.editJob(
      job.job_id,
      {
        changes: { price: 600, pickup_date: '2026-11-29T16:00:00Z' },
        base: { price: 650, pickup_date: '2026-11-30T15:00:00Z' },
        allow_past_pickup: true,
        undo: true,
      },
      ACTOR,
    );
    expect(undone.history!.at(-1)).toMatchObject({
      event: 'edit',
      undo: true,
      changes: {
        price: { from: 650, to: 600 },
        pickup_date: { from: '2026-11-30T15:00:00Z', to: '2026-11-29T16:00:00Z' },
      },
    });
    // What was saved is what is read back: the schema keeps the entry as written.
    expect((await service.listJobs())[0]!.history).toEqual(undone.history);
  });

  it('refuses an undo flag that is not a boolean and writes nothing', async () => {
    const job = await mark();
    await refused(
      job.job_id,
      { changes: { price: 1 }, undo: 'yes' } as unknown as JobEdit,
      'bad_request',
      /Invalid edit/,
    );
  });

  it('answers not_found for an unknown job', async () => {
    await mark();
    await expect(
      service.editJob('0000000000000000', { changes: { price: 1 } }, ACTOR),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
