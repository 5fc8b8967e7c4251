import { describe, expect, it } from 'vitest';
import { addJob, changeStatus } from '../../../src/core/jobs/job-changes';
import type { JobsChange } from '../../../src/core/jobs/job-changes';
import { editJob } from '../../../src/core/jobs/job-edits';
import { jobsMade } from '../../../src/core/jobs/jobs-made';
import { revokeLink, rotateLink } from '../../../src/core/jobs/link-changes';
import { applySubmissions, quoteJob } from '../../../src/core/inbox/inbox-changes';
import type { Job } from '../../../src/shared/job';

// The repository checks only the jobs a change made — objects the list it read did not hold
// (jobs-made.ts). That is the whole file checked only if no change edits a job it was given in
// place. Here every change runs on deeply frozen jobs: an edit in place throws (ES modules are
// strict), and a job whose content changed must be a new object.

const NOW = new Date('2026-11-28T09:00:00Z');
const LATER = new Date('2026-11-28T10:00:00Z');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function run<T>(jobs: readonly Job[], change: JobsChange<T>) {
  const before = deepFreeze([...jobs]);
  const snapshot = before.map((job) => JSON.stringify(job));
  const outcome = change(before);
  const made = jobsMade(before, outcome.jobs);
  // Every job the change returns that is not one it made is byte-for-byte the one it was given.
  const madeJobs = new Set(made.positions.map((i) => outcome.jobs[i]));
  for (const job of outcome.jobs) {
    if (madeJobs.has(job)) continue;
    expect(snapshot).toContain(JSON.stringify(job));
  }
  for (const changed of outcome.changed) {
    const removed = !outcome.jobs.includes(changed);
    expect(removed || madeJobs.has(changed)).toBe(true);
  }
  return outcome;
}

describe('changes put new objects where jobs change, never edit in place', () => {
  const base = (): Job[] => {
    const first = addJob(
      {
        customer_name: 'Ana',
        address: '1 Elm St',
        pickup_date: '2026-12-01T16:00:00Z',
        price: 250,
        phone: '+1 312 555 0142',
      },
      NOW,
    )([]).jobs;
    return addJob(
      { customer_name: 'Bo', address: '2 Oak St', pickup_date: '2026-12-02T16:00:00Z', price: 90 },
      NOW,
    )(first).jobs;
  };

  it('add, move, edit, revoke and rotate', () => {
    const jobs = base();
    const id = jobs[0]!.job_id;
    run(
      jobs,
      addJob(
        { customer_name: 'Cy', address: '3 Ash', pickup_date: '2026-12-03T16:00:00Z', price: 1 },
        LATER,
      ),
    );
    const moved = run(jobs, changeStatus(id, 'en_route', LATER)).jobs;
    run(moved, changeStatus(id, 'scheduled', LATER, undefined, 'Undo'));
    run(jobs, editJob(id, { changes: { notes: 'Gate 4', price: 300 } }, LATER));
    run(jobs, revokeLink(id, LATER));
    run(jobs, rotateLink(id, LATER));
  });

  it('inbox requests, quotes and confirmations', () => {
    const request = {
      schema: 1 as const,
      kind: 'request' as const,
      id: 'request-000000000001',
      submitted_at: '2026-11-28T08:00:00Z',
      name: 'Dee',
      phone: '+1 312 555 0100',
      address: '4 Birch Ln',
      service: 'Garage cleanout',
      date: '2026-12-03',
      window: 'morning' as const,
    };
    const requested = run(
      base(),
      applySubmissions([{ key: 'inbox/new/a.json', submission: request }], 'America/Chicago', NOW),
    ).jobs;
    const dee = requested.find((j) => j.customer_name === 'Dee')!;
    const quoted = run(
      requested,
      quoteJob(dee.job_id, { price: 240, pickup_date: '2026-12-03T19:00:00Z' }, LATER),
    ).jobs;
    const token = quoted.find((j) => j.job_id === dee.job_id)!.tracking_token;
    run(
      quoted,
      applySubmissions(
        [
          {
            key: 'inbox/new/b.json',
            submission: {
              schema: 1,
              kind: 'confirm',
              id: 'confirm-000000000001',
              submitted_at: '2026-11-28T11:00:00Z',
              token,
              answer: 'confirm',
            },
          },
        ],
        'America/Chicago',
        LATER,
      ),
    );
  });
});
