import { describe, expect, it } from 'vitest';
import { certainlyValidJobsDocument } from '../../../src/core/jobs/jobs-fast-check';
import { jobSchema } from '../../../src/shared/job';
import { z } from 'zod';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

const documentSchema = z.union([
  z.looseObject({ schema: z.literal(1), jobs: z.array(jobSchema) }),
  z.array(jobSchema),
]);

const FULL = {
  ...MARK_SEED_RECORD,
  phone: '+1 555 0100',
  email: 'mark@example.com',
  service: 'Sofa',
  notes: 'Side gate',
  pickup_window_end: '2026-11-27T23:00:00Z',
  assigned_to: 'Tom S.',
  updated_at: '2026-11-27T18:02:11.123+01:00',
  history: [
    { status: 'scheduled', at: '2026-11-27T18:02:11Z', by: 'Ana', extra: 1, event: 'created' },
    { status: 'scheduled', at: '2026-11-27T18:03:00Z', event: 'edit', fields: ['phone'] },
    { status: 'requested', at: '2026-11-27T18:04:00Z', event: 'status', reason: 'Undo' },
  ],
  token_revoked_at: '2026-11-28T08:00:00Z',
  a_newer_field: { anything: true },
};

/** Values worth trying in any field: right and wrong types, edges of each rule. */
const POOL: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(41),
  'x'.repeat(201),
  'x'.repeat(5001),
  0,
  -0,
  -1,
  0.1,
  0.005,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  [{}],
  'fcdc1c82cb284dbe',
  'FCDC1C82CB284DBE',
  'scheduled',
  'done',
  'USD',
  'usd',
  '2026-11-27T21:00:00Z',
  '2026-11-27T21:00Z',
  '2026-11-27',
  '2026-02-30T21:00:00Z',
  '2026-11-27T21:00:00+0100',
  '2026-11-27T21:00:00.5-05:00',
  'A'.repeat(32),
  'A'.repeat(31),
  [{ status: 'completed', at: '2026-11-27T21:00:00Z' }],
  [{ status: 'completed' }],
  [{ status: 'completed', at: '2026-11-27T21:00:00Z', by: 'x'.repeat(101) }],
  // History entries of the job panel (issue 8): corrections, edits, link changes.
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', event: 'status', reason: 'misclick' }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', event: 'edit', fields: ['phone'] }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', event: 'moved' }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', event: null }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', reason: 'x'.repeat(501) }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', reason: 5 }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', fields: 'phone' }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', fields: ['x'.repeat(41)] }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', fields: Array(21).fill('phone') }],
  [{ status: 'on_site', at: '2026-11-27T21:00:00Z', fields: [3] }],
];
const FIELDS = [...Object.keys(FULL), 'schema'];

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the fast jobs.json check', () => {
  it('accepts valid documents, old and new format, every optional field set', () => {
    expect(certainlyValidJobsDocument({ schema: 1, jobs: [FULL, MARK_SEED_RECORD] })).toBe(true);
    expect(certainlyValidJobsDocument([MARK_SEED_RECORD])).toBe(true);
    expect(documentSchema.safeParse({ schema: 1, jobs: [FULL] }).success).toBe(true);
  });

  it('is never looser than the schema: 20,000 random mutations', () => {
    const next = random(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      const job: Record<string, unknown> = { ...FULL };
      for (let m = 0; m < 1 + Math.floor(next() * 2); m++) {
        const field = pick(FIELDS);
        const value = pick(POOL);
        if (value === undefined && next() < 0.5) delete job[field];
        else job[field] = value;
      }
      const doc = next() < 0.2 ? [job] : { schema: next() < 0.9 ? 1 : 2, jobs: [job] };
      const fast = certainlyValidJobsDocument(doc);
      const zod = documentSchema.safeParse(doc).success;
      if (fast && !zod)
        throw new Error(`fast check accepted what zod refuses: ${JSON.stringify(doc)}`);
      if (!zod) rejected++;
    }
    expect(rejected).toBeGreaterThan(5_000); // the mutations do reach invalid documents
  });
});
