import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJobsFile, serializeJobsFile } from '../../../src/core/jobs/jobs-file';
import { WrittenJobsFile } from '../../../src/core/jobs/written-jobs-file';
import { jobsMade } from '../../../src/core/jobs/jobs-made';
import type { Job } from '../../../src/shared/job';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

/** Bytes as this product wrote them (recorded as such), as the repository hands them over. */
const writtenFile = (bytes: Buffer) => new WrittenJobsFile(bytes, 'written', 'jobs.json');

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

  it('a file this product wrote, changed by a few jobs, is written exactly as from scratch', () => {
    // The repository's fast path: only the made jobs are put in file form and checked against
    // their neighbours; the result must be the very bytes the full sort and reorder give.
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 2) })
      .chain((ms) =>
        fc.constantFrom(
          new Date(ms).toISOString(),
          new Date(ms).toISOString().replace('Z', '+00:00'),
        ),
      );
    const made = (id: string, at: string): Job =>
      // A job as a change builds it: fields in another order than the file's.
      ({ history: [], ...job(id, at), extra_b: 1, extra_a: 2 });
    const scenario = fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 2, maxLength: 12 }),
      times: fc.array(instant, { minLength: 12, maxLength: 12 }),
      ops: fc.array(
        fc.record({
          kind: fc.constantFrom('append', 'replace', 'remove', 'insert', 'swap'),
          at: fc.nat(),
          time: instant,
        }),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(scenario, ({ ids, times, ops }) => {
        const written = parseJobsFile(
          serializeJobsFile(ids.slice(1).map((id, i) => job(id, times[i]!))),
          'jobs.json',
        ).jobs;
        const after = [...written];
        let fresh = 0;
        for (const op of ops) {
          const i = after.length ? op.at % after.length : 0;
          const id = `${ids[0]!.slice(0, 14)}${String(fresh++).padStart(2, '0')}`;
          if (op.kind === 'append') after.push(made(id, op.time));
          else if (op.kind === 'insert') after.splice(i, 0, made(id, op.time));
          else if (op.kind === 'replace' && after.length) {
            after[i] = made(after[i]!.job_id, after[i]!.created_at);
          } else if (op.kind === 'remove') after.splice(i, 1);
          else if (op.kind === 'swap' && after.length > 1) after.push(after.shift()!);
        }
        const m = jobsMade(written, after);
        const fast = m.othersInOrder
          ? serializeJobsFile(after, {}, { inFileFormExcept: m.positions })
          : serializeJobsFile(after);
        expect(fast).toBe(serializeJobsFile(after));
      }),
      { numRuns: 500 },
    );
  });

  it('tells which jobs a change made, and whether it kept the others in order', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => job(x.repeat(16), '2026-01-01T10:00:00.000Z'));
    const d = job('d'.repeat(16), '2026-01-01T11:00:00.000Z');
    expect(jobsMade([a!, b!, c!], [a!, c!, d])).toEqual({ positions: [2], othersInOrder: true });
    expect(jobsMade([a!, b!, c!], [a!, { ...b! }, c!])).toEqual({
      positions: [1],
      othersInOrder: true,
    });
    expect(jobsMade([a!, b!, c!], [c!, a!, b!])).toEqual({ positions: [], othersInOrder: false });
  });

  it('jobs added after a file this product wrote give the very bytes of a full write', () => {
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 3) })
      .map((ms) => new Date(ms).toISOString());
    const scenario = fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 1, maxLength: 10 }),
      times: fc.array(instant, { minLength: 10, maxLength: 10 }),
      added: fc.integer({ min: 1, max: 3 }),
      note: fc.string(), // quotes, backslashes, newlines: escaped, never a raw line break
      // Top-level fields after the jobs, one of them ending as the jobs array does.
      extra: fc.constantFrom(null, { month: '2026-01' }, { tags: ['a'] }),
      newest: fc.boolean(), // as a create is: its job the newest
    });
    let appended = 0;
    fc.assert(
      fc.property(scenario, ({ ids, times, added, note, extra, newest: inOrder }) => {
        if (inOrder) times.sort();
        const all = ids.map((id, i) => ({
          ...job(id, times[i]!),
          notes: note,
          ...(i % 2 ? { extra_b: [1, { c: 'x' }], extra_a: 2 } : {}),
        })) as Job[];
        const old = all.slice(0, Math.max(0, all.length - added));
        const fresh = all.slice(old.length);
        const top = extra ?? {};
        const written = Buffer.from(serializeJobsFile(old, top));
        // As the repository has them: read back from the file, so in the file's order.
        const read = parseJobsFile(written.toString('utf8'), 'jobs.json').jobs;
        const expected = serializeJobsFile([...read, ...fresh], top);
        const result = writtenFile(written).withAppended(fresh);
        if (result) {
          appended++;
          expect(result.toString('utf8')).toBe(expected);
        } else {
          // Declined only when it must: no jobs yet, fields after them, or not the newest.
          const list = [...read, ...fresh];
          const newest = list.every(
            (j, i) =>
              i < Math.max(1, old.length) ||
              j.created_at > list[i - 1]!.created_at ||
              (j.created_at === list[i - 1]!.created_at && j.job_id >= list[i - 1]!.job_id),
          );
          expect(old.length === 0 || extra !== null || !newest).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(appended).toBeGreaterThan(50); // the shortcut was taken, not just declined
  });

  it('a file this product wrote tells its last job and which ids it holds from its bytes', () => {
    const scenario = fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 0, maxLength: 8 }),
      absent: fc.stringMatching(/^[0-9a-f]{16}$/),
      // Text that spells a field as the file does: escaped inside a string, never a match.
      note: fc.oneof(fc.string(), fc.constant('"job_id": "'), fc.constant('\n    {\n')),
      extra: fc.constantFrom(null, { month: '2026-01' }),
    });
    let told = 0;
    fc.assert(
      fc.property(scenario, ({ ids, absent, note, extra }) => {
        const jobs = ids.map((id, i) => ({
          ...job(id, new Date(Date.UTC(2026, 0, 1, i)).toISOString()),
          notes: `${note}"job_id": "${absent}"`,
          ...(i % 2 ? { extra_nested: [{ deep: { a: 1 } }] } : {}),
        })) as Job[];
        const written = Buffer.from(serializeJobsFile(jobs, extra ?? {}));
        const file = writtenFile(written);
        if (ids.length === 0 || extra !== null) {
          expect(file.last).toBeNull(); // no jobs, or fields after them: read in full
          return;
        }
        told++;
        const read = parseJobsFile(written.toString('utf8'), 'jobs.json').jobs;
        expect(file.last).toEqual(read.at(-1));
        for (const j of read) {
          expect(file.holds('job_id', j.job_id)).toBe(true);
          expect(file.holds('tracking_token', j.tracking_token)).toBe(true);
        }
        expect(file.holds('job_id', ids.includes(absent) ? `${absent}0` : absent)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(told).toBeGreaterThan(50);
  });

  it('bytes not laid out as this product writes them tell nothing', () => {
    const one = serializeJobsFile([job('000000000000000a', '2026-01-01T10:00:00.000Z')]);
    for (const text of [
      one.replace(/\n$/, ''), // no final newline
      JSON.stringify(JSON.parse(one)), // one line
      one.replace('\n    {\n', '\n    {\n      "job_id": "x",\n      "broken": [\n'), // damaged
      '',
    ]) {
      expect(writtenFile(Buffer.from(text)).last).toBeNull();
    }
  });

  it('a job of a file this product wrote is found by id in its bytes, and replaced as a full write would', () => {
    const scenario = fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 1, maxLength: 8 }),
      pick: fc.nat(),
      absent: fc.stringMatching(/^[0-9a-f]{16}$/),
      note: fc.oneof(
        fc.string(),
        fc.constant('\n    {\n      "job_id": "'),
        fc.constant('\n    }'),
      ),
      newNote: fc.string(),
      // Top-level fields after the jobs, one holding objects at a job's depth, with a job's id.
      extra: fc.constantFrom('none', 'month', 'look-alike'),
    });
    fc.assert(
      fc.property(scenario, ({ ids, pick, absent, note, newNote, extra }) => {
        const jobs = ids.map((id, i) => ({
          ...job(id, new Date(Date.UTC(2026, 0, 1, i)).toISOString()),
          notes: note,
          ...(i % 2 ? { extra_nested: [{ job_id: id, deep: { a: 1 } }] } : {}),
        })) as Job[];
        const chosen = jobs[pick % jobs.length]!;
        const absentId = ids.includes(absent) ? `${absent}0` : absent;
        const top =
          extra === 'none'
            ? {}
            : extra === 'month'
              ? { month: '2026-01' }
              : {
                  look_alike: [
                    { job_id: chosen.job_id, notes: 'not a job' },
                    { job_id: absentId, notes: 'not a job either' },
                  ],
                };
        const written = Buffer.from(serializeJobsFile(jobs, top));
        const read = parseJobsFile(written.toString('utf8'), 'jobs.json').jobs;
        const file = writtenFile(written);
        const where = file.find(chosen.job_id);
        expect(where?.job).toEqual(read.find((j) => j.job_id === chosen.job_id));
        expect(file.find(absentId)).toBeNull();
        // Changed fields, one added (its key lands in file order), the place in order kept.
        const changed = { ...where!.job, notes: newNote, phone: '+1 312 555 0100' } as Job;
        const expected = serializeJobsFile(
          read.map((j) => (j.job_id === chosen.job_id ? changed : j)),
          top,
        );
        expect(file.withReplaced(where!, changed).toString('utf8')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
