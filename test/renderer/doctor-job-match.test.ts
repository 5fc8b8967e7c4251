import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import { readDoctorQuery } from '../../src/shared/jobs/doctor-job-match';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// Issue 17 §9: the Deploy panel's link doctor asked for a 16-hex job id; "Priya Nair" gave
// "Invalid input". It finds the job by its customer's name or phone, and still takes an id.

const job = (id: string, customer_name: string, extra: Partial<Job> = {}): Job => ({
  ...MARK_SEED_RECORD,
  job_id: id.padEnd(16, '0'),
  customer_name,
  ...extra,
});
const priya = job('a1', 'Priya Nair', { phone: '(312) 555-0142' });
const priyaDone = job('a2', 'Priya Nair', {
  status: 'completed',
  pickup_date: '2026-12-01T15:00:00Z',
});
const jose = job('b1', 'José Gonzalez', { phone: '+1 773 555 0199' });
const mark = { ...MARK_SEED_RECORD } as Job;
const jobs = [priyaDone, jose, mark, priya];
const ids = (q: ReturnType<typeof readDoctorQuery>) =>
  q.kind === 'words' ? q.matches.map((j) => j.job_id) : q;

describe('the link doctor finds a job', () => {
  it('by its customer’s name, any case, open jobs first', () => {
    expect(ids(readDoctorQuery(jobs, 'Priya Nair'))).toEqual([priya.job_id, priyaDone.job_id]);
    expect(ids(readDoctorQuery(jobs, '  nair '))).toEqual([priya.job_id, priyaDone.job_id]);
    expect(ids(readDoctorQuery(jobs, 'mark'))).toEqual([mark.job_id]);
  });
  it('with or without accents', () => {
    expect(ids(readDoctorQuery(jobs, 'jose'))).toEqual([jose.job_id]);
    expect(ids(readDoctorQuery(jobs, 'JOSÉ gonz'))).toEqual([jose.job_id]);
  });
  it('by the digits of its phone, however they are written', () => {
    expect(ids(readDoctorQuery(jobs, '555-0142'))).toEqual([priya.job_id]);
    expect(ids(readDoctorQuery(jobs, '773 555'))).toEqual([jose.job_id]);
  });
  it('takes a pasted job id as it is, on the board or not', () => {
    expect(readDoctorQuery(jobs, ` ${mark.job_id.toUpperCase()} `)).toEqual({
      kind: 'id',
      jobId: mark.job_id,
      job: mark,
    });
    expect(readDoctorQuery(jobs, '0123456789abcdef')).toEqual({
      kind: 'id',
      jobId: '0123456789abcdef',
      job: null,
    });
  });
  it('finds none for a name not on the board, and lists a few of many', () => {
    expect(readDoctorQuery(jobs, 'Zed')).toEqual({ kind: 'words', matches: [], more: 0 });
    expect(readDoctorQuery(jobs, '')).toEqual({ kind: 'empty' });
    const many = Array.from({ length: 12 }, (_, i) => job(`c${i}`, `Sam ${i}`));
    const q = readDoctorQuery(many, 'sam', 8);
    expect(q.kind === 'words' && [q.matches.length, q.more]).toEqual([8, 4]);
  });
});
