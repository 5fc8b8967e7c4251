import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJobsFile, serializeJobsFile } from '../../src/core/jobs/jobs-file';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { check } from './property-runs';

// jobs.json is the dispatcher's data, and a newer version of the app (or a person) may have
// added fields this version does not know: reading and writing it back must keep each of them,
// byte for byte, in the job and at the top level.

const KNOWN = new Set([
  ...Object.keys(MARK_SEED_RECORD),
  'phone',
  'email',
  'service',
  'pickup_window_end',
  'assigned_to',
  'notes',
  'token_revoked_at',
  'updated_at',
  'history',
  'schema',
  'jobs',
  'quote',
  'source',
  'archived_at',
]);
const unknownKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((k) => !KNOWN.has(k) && k !== '__proto__');
const extraFields = fc.dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

const jobs = fc
  .uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { maxLength: 5 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id, i) =>
        extraFields.map((extra): Job => ({
          ...MARK_SEED_RECORD,
          job_id: id,
          tracking_token: `${id}${id}tok${i}`.padEnd(40, 'x'),
          created_at: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
          ...extra,
        })),
      ),
    ),
  )
  .map((list) => list);

/** A job's fields in key order (compared by key only: a value may be `{ toString: 0 }`). */
const byKey = (job: object) => Object.entries(job).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A value as its JSON text: what "byte for byte" compares. */
const asJson = (value: unknown) => JSON.stringify(value);

describe('jobs.json round-trips (properties)', () => {
  it('reading a written file and writing it again gives the same bytes', () =>
    check(
      fc.property(jobs, extraFields, (list, extra) => {
        const text = serializeJobsFile(list, extra);
        const read = parseJobsFile(text, 'jobs.json');
        expect(serializeJobsFile(read.jobs, read.extra)).toBe(text);
      }),
    ));

  it('keeps every unknown field of every job, and of the file, with its exact JSON', () =>
    check(
      fc.property(jobs, extraFields, (list, extra) => {
        const read = parseJobsFile(serializeJobsFile(list, extra), 'jobs.json');
        const written = JSON.parse(serializeJobsFile(read.jobs, read.extra)) as {
          jobs: Record<string, unknown>[];
          [key: string]: unknown;
        };
        for (const original of list) {
          const job = written.jobs.find((j) => j.job_id === original.job_id)!;
          for (const [key, value] of Object.entries(original)) {
            expect(asJson(job[key])).toBe(asJson(value));
          }
        }
        for (const [key, value] of Object.entries(extra))
          expect(asJson(written[key])).toBe(asJson(value));
      }),
    ));

  it('keeps unknown fields of a hand-written file (any key order, any spacing)', () =>
    check(
      fc.property(jobs, extraFields, fc.constantFrom(0, 1, 4, '\t'), (list, extra, indent) => {
        const reordered = list.map((job) => Object.fromEntries(Object.entries(job).reverse()));
        const hand = JSON.stringify({ ...extra, jobs: reordered, schema: 1 }, null, indent);
        const read = parseJobsFile(hand, 'jobs.json');
        const again = parseJobsFile(serializeJobsFile(read.jobs, read.extra), 'jobs.json');
        expect(asJson(again.extra)).toBe(asJson(read.extra));
        // As JSON text: a -0 written by hand is 0 once in any JSON file, on both sides alike.
        expect(asJson(again.jobs.map(byKey))).toBe(asJson(reordered.map(byKey)));
      }),
    ));
});
