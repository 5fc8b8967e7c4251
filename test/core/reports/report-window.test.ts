import { describe, expect, it } from 'vitest';
import { completedRows } from '../../../src/core/reports/jobs-report';
import type { Job } from '../../../src/shared/job';

// completedRows skips jobs far outside the range before it dates them in the zone (a month out
// of a year's archive, 4× faster); the zones furthest from UTC still get their whole day.

function doneAt(id: number, at: string): Job {
  const jobId = id.toString(16).padStart(16, 'c');
  return {
    job_id: jobId,
    customer_name: `Customer ${id}`,
    address: '1 Elm St',
    status: 'completed',
    pickup_date: at,
    price: 100,
    currency: 'USD',
    tracking_token: `${jobId}${'t'.repeat(32)}`,
    created_at: at,
    history: [{ status: 'completed', at }],
  };
}

const DEC_8 = { from: '2026-12-08', to: '2026-12-08' };

describe('a report’s day in the zones furthest from UTC', () => {
  it('UTC+14: Dec 8 starts at 10:00 UTC on Dec 7', () => {
    const jobs = [doneAt(1, '2026-12-07T09:59:59Z'), doneAt(2, '2026-12-07T10:00:00Z')];
    const rows = completedRows(jobs, DEC_8, 'Pacific/Kiritimati');
    expect(rows.map((r) => [r.job_id, r.date])).toEqual([[jobs[1]!.job_id, '2026-12-08']]);
  });

  it('UTC−12: Dec 8 ends at 12:00 UTC on Dec 9', () => {
    const jobs = [doneAt(3, '2026-12-09T11:59:59Z'), doneAt(4, '2026-12-09T12:00:00Z')];
    const rows = completedRows(jobs, DEC_8, 'Etc/GMT+12');
    expect(rows.map((r) => [r.job_id, r.date])).toEqual([[jobs[0]!.job_id, '2026-12-08']]);
  });
});
