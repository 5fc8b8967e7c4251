import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJobsFile, serializeJobsFile } from '../../../src/core/jobs/jobs-file';
import type { Job } from '../../../src/shared/job';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

// jobs.json lists jobs by creation time, ties by id. Times written by toISOString are compared
// as strings (no Date.parse per job on every write); other forms of the same instant must land
// exactly where Date.parse puts them.

const job = (id: string, createdAt: string): Job => ({
  ...MARK_SEED_RECORD,
  job_id: id,
  tracking_token: `${id}${'t'.repeat(32)}`,
  created_at: createdAt,
});
const order = (jobs: Job[]) =>
  parseJobsFile(serializeJobsFile(jobs), 'jobs.json').jobs.map((j) => j.job_id);

describe('jobs.json order', () => {
  it('keeps jobs already in order and sorts others by time, then id', () => {
    const a = job('000000000000000a', '2026-01-01T10:00:00.000Z');
    const b = job('000000000000000b', '2026-01-01T10:00:00.000Z');
    const c = job('000000000000000c', '2026-01-01T11:00:00.000Z');
    expect(order([a, b, c])).toEqual([a.job_id, b.job_id, c.job_id]);
    expect(order([c, b, a])).toEqual([a.job_id, b.job_id, c.job_id]);
    // 11:30+02:00 is 09:30Z: before a, though its string sorts after.
    const early = job('000000000000000d', '2026-01-01T11:30:00+02:00');
    expect(order([a, early, c])).toEqual([early.job_id, a.job_id, c.job_id]);
    // The same instant in another form ties with a, and the id decides.
    const same = job('0000000000000009', '2026-01-01T10:00:00Z');
    expect(order([a, same, c])).toEqual([same.job_id, a.job_id, c.job_id]);
  });

  it('orders any mix of time forms exactly as Date.parse would', () => {
    const instant = fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
      .chain((ms) =>
        fc.constantFrom(
          new Date(ms).toISOString(),
          new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z'),
          new Date(ms - (ms % 60_000) + 3_600_000).toISOString().replace('.000Z', '+01:00'),
        ),
      );
    const jobsArb = fc
      .uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 1, maxLength: 8 })
      .chain((ids) => fc.tuple(...ids.map((id) => instant.map((at) => job(id, at)))));
    fc.assert(
      fc.property(jobsArb, (jobs) => {
        const expected = [...jobs]
          .sort(
            (x, y) =>
              Date.parse(x.created_at) - Date.parse(y.created_at) || (x.job_id < y.job_id ? -1 : 1),
          )
          .map((j) => j.job_id);
        expect(order(jobs)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
