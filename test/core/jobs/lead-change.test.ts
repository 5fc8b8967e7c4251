import { describe, expect, it } from 'vitest';
import { addLead } from '../../../src/core/jobs/lead-change';
import { PastPickupError } from '../../../src/core/jobs/job-field-checks';
import type { Job } from '../../../src/shared/job';

// Issue 17: a phoned-in lead is a Requested job, as the booking inbox makes one — no price until
// it is quoted, the customer's preferred pickup, a history that starts at Requested. Saving it
// (and its faults) is JobsService.createRequest's, tested in create-request.test.ts.

const NOW = new Date('2031-04-01T15:00:00Z');
const LEAD = {
  customer_name: 'Priya Nair',
  address: '2250 N Lincoln Ave',
  pickup_date: '2031-05-01T18:00:00Z',
  pickup_window_end: '2031-05-01T22:00:00Z',
  phone: '+1 312 555 0142',
  service: 'Hot tub removal',
};

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
