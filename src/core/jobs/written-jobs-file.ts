import type { Job } from '../../shared/job';
import type { CheckedAs } from './checked-revisions';
import type { JobsAddition, JobsChange, OneJobUpdate } from './job-changes';
import { createdInOrder, jobInFileForm, parseJobsFile, serializeJobsFile } from './jobs-file';
import type { JobsDocument } from './jobs-file';
import { checkMadeJobs, jobsMade } from './jobs-made';
import type { MadeJobs } from './jobs-made';

/** What one attempt will store: the change's answer, the jobs it made, and the bytes. */
export interface PlannedWrite<T> {
  result: T;
  changed: Job[];
  /** Empty when the change changed nothing (nothing is written). */
  bytes: Buffer | string;
  /**
   * How to record the bytes once stored (checked-revisions.ts): 'written' when they are in file
   * form with nothing after the jobs, so the next change may edit them; 'read' when fields are
   * kept after the jobs (a hand edit's), which can end as the jobs array does, with objects at
   * a job's depth that an append would join: the next change reads them in full.
   */
  form: CheckedAs;
}

/** One job of the file, found by id in its bytes: the job, and where its text is. */
export interface FoundJob {
  job: Job;
  start: number;
  end: number;
}

// The layout serializeJobsFile (jobs-file.ts) gives a file; test/core/jobs/jobs-on-bytes.test.ts
// holds every edit made through these to that function's bytes.
/** How a file in file form with jobs and nothing after them ends. */
const JOBS_END = Buffer.from('\n  ]\n}\n');
/**
 * Where each job of a file in file form starts: only a job opens an object at this depth, and
 * JSON.stringify escapes newlines inside strings.
 */
const JOB_START = Buffer.from('\n    {\n');
/** Where a job's text ends in file form: only a job closes an object at this depth. */
const JOB_END = Buffer.from('\n    }');
/** Where the jobs array opens, and how it (or any top-level array) closes, in file form. */
const JOBS_START = Buffer.from('\n  "jobs": [\n');
const TOP_LEVEL_CLOSE = Buffer.from('\n  ]');

/**
 * jobs.json as stored (`bytes`; null: no file yet), with how those exact bytes were found valid
 * before (`checkedAs`, checked-revisions.ts): the one owner of the file's bytes. It answers
 * which jobs the file holds (`document`; from the bytes alone: `last`, `holds`), where a job's
 * text is (`find`), the bytes with a job replaced or jobs appended, and — putting those
 * together — what to store after a change (`afterChange`). On bytes this product wrote
 * (`checkedAs` 'written': serializeJobsFile's, valid, nothing after the jobs), a create or a
 * change of one job edits the bytes where the job is and parses, checks and serialises none of
 * the others; anything else is parsed, checked and serialised in full, re-serialising only the
 * jobs the change made where it can. The answers from the bytes alone assume file form (serializeJobsFile's
 * layout): `last` and `find` say null for bytes not laid out so.
 */
export class WrittenJobsFile {
  private parsed: JobsDocument | null = null;
  private checkedNow = false;
  /** `last`, once read; undefined: not yet. */
  private newest: Job | null | undefined;
  /** Asked twice for a new job's id (drawing it, then checking what was made): one search each. */
  private readonly holdings = new Map<string, boolean>();

  constructor(
    private readonly bytes: Buffer | null,
    private readonly checkedAs: CheckedAs | null,
    private readonly location: string,
  ) {}

  /**
   * The jobs and the file's other top-level fields; checked in full unless these bytes were
   * checked before. Refused (jobs-file.ts `parseJobsFile`) when they do not parse.
   */
  document(): JobsDocument {
    if (this.parsed) return this.parsed;
    if (!this.bytes) return (this.parsed = { jobs: [], extra: {} });
    this.parsed = parseJobsFile(this.bytes.toString('utf8'), this.location, {
      checked: this.checkedAs !== null,
    });
    this.checkedNow = this.checkedAs === null;
    return this.parsed;
  }

  /** Whether `document` has checked, in full, bytes never checked before: the caller records them. */
  get checkedInFull(): boolean {
    return this.checkedNow;
  }

  /** The change applied, the jobs it made checked, and the bytes to store. */
  afterChange<T>(change: JobsChange<T>): PlannedWrite<T> {
    return this.onBytes(change) ?? this.inFull(change);
  }

  /**
   * The last job (the newest), parsed alone — not every job (~20 ms and as much again in
   * garbage collection at 10,000 jobs). Null when the bytes are not laid out as
   * serializeJobsFile lays out jobs with nothing after them.
   */
  get last(): Job | null {
    if (this.newest === undefined) this.newest = this.readLast();
    return this.newest;
  }

  /**
   * Whether some job has `field` (a string field) set to `value`, by a search of the bytes:
   * file form writes every field as `"name": value`. A match elsewhere (a nested field of the
   * same name) only says "taken" wrongly, which costs an id drawn again or a full read.
   */
  holds(field: 'job_id' | 'tracking_token', value: string): boolean {
    const asked = `${field} ${value}`;
    let holds = this.holdings.get(asked);
    if (holds === undefined) {
      holds = this.bytes?.includes(`"${field}": ${JSON.stringify(value)}`) ?? false;
      this.holdings.set(asked, holds);
    }
    return holds;
  }

  /**
   * The job `jobId`, from the bytes: in file form a job's text opens with its id on the line
   * after its `{`, and only the jobs array holds objects at that depth before its first
   * `\n  ]`. Null when not found so.
   */
  find(jobId: string): FoundJob | null {
    const written = this.bytes;
    if (!written) return null;
    const jobsStart = written.indexOf(JOBS_START);
    if (jobsStart < 0) return null;
    const jobsEnd = written.indexOf(TOP_LEVEL_CLOSE, jobsStart);
    const at = written.indexOf(`\n    {\n      "job_id": ${JSON.stringify(jobId)},\n`, jobsStart);
    if (at < 0 || at > jobsEnd) return null;
    const close = written.indexOf(JOB_END, at);
    if (close < 0) return null;
    const start = at + 1;
    const end = close + JOB_END.length;
    let job: unknown;
    try {
      job = JSON.parse(written.toString('utf8', start, end));
    } catch {
      return null;
    }
    const found = job as Partial<Job> | null;
    return found?.job_id === jobId ? { job: found as Job, start, end } : null;
  }

  /** The bytes with one job's text (where `find` found it) replaced by `job`'s, in file form. */
  withReplaced(where: FoundJob, job: Job): Buffer {
    const written = this.bytes ?? Buffer.alloc(0);
    return Buffer.concat([
      written.subarray(0, where.start),
      Buffer.from(jobInFileForm(job)),
      written.subarray(where.end),
    ]);
  }

  /**
   * The bytes with `added` jobs after all of their own, byte for byte as serializeJobsFile
   * would write them, without serialising again the jobs already there (~55 ms at 10,000
   * jobs, ~370 ms at 50,000). Null when the shortcut does not apply (no jobs yet, top-level
   * fields after them, an added job not the newest): the caller serialises in full.
   */
  withAppended(added: readonly Job[]): Buffer | null {
    const last = this.last;
    if (!this.bytes || !last || added.length === 0) return null;
    let previous = last;
    for (const job of added) {
      if (!createdInOrder(previous, job)) return null;
      previous = job;
    }
    return Buffer.concat([
      this.bytes.subarray(0, this.bytes.length - JOBS_END.length),
      Buffer.from(`,\n${added.map(jobInFileForm).join(',\n')}`),
      JOBS_END,
    ]);
  }

  /**
   * A create, a move or an edit of a file this product wrote, applied to its bytes. Null when
   * the change or the bytes do not allow it.
   */
  private onBytes<T>(change: JobsChange<T>): PlannedWrite<T> | null {
    if (this.checkedAs !== 'written' || !this.bytes) return null;
    if (change.appends) return this.appended(change.appends);
    if (change.updatesOne) return this.replaced(change.updatesOne);
    return null;
  }

  /**
   * One job changed in the bytes: the job checked against the schema, a new token against the
   * file's. Null when the job is not found so, or the change would move it in the file's order
   * (the full read then decides, and says why).
   */
  private replaced<T>({ jobId, update }: OneJobUpdate<T>): PlannedWrite<T> | null {
    const where = this.find(jobId);
    if (!where) return null;
    const { job, result } = update(where.job);
    if (!job) return { result, changed: [], bytes: '', form: 'written' };
    // Its place in the file is its creation time, then its id.
    if (job.job_id !== jobId || job.created_at !== where.job.created_at) return null;
    const newToken = job.tracking_token !== where.job.tracking_token;
    if (newToken && this.holds('tracking_token', job.tracking_token)) return null;
    checkMadeJobs([job], { positions: [0], othersInOrder: true }, this.location);
    return { result, changed: [job], bytes: this.withReplaced(where, job), form: 'written' };
  }

  /**
   * Jobs added after all of the file's: the added jobs checked against the schema and each
   * other, their ids and tokens against the file's, from its bytes. Null when the bytes or the
   * added jobs do not allow it (the full read then reports a clash).
   */
  private appended<T>(addition: JobsAddition<T>): PlannedWrite<T> | null {
    if (!this.last) return null;
    const { added, result } = addition((id) => this.holds('job_id', id));
    const clashes = (job: Job) =>
      this.holds('job_id', job.job_id) || this.holds('tracking_token', job.tracking_token);
    if (added.some(clashes)) return null;
    checkMadeJobs(added, { positions: added.map((_, i) => i), othersInOrder: true }, this.location);
    const bytes = this.withAppended(added);
    return bytes ? { result, changed: added, bytes, form: 'written' } : null;
  }

  /** The change applied to every job, as parsed. */
  private inFull<T>(change: JobsChange<T>): PlannedWrite<T> {
    const { jobs, extra } = this.document();
    const { result, changed, jobs: after } = change(jobs);
    const form = Object.keys(extra).length === 0 ? 'written' : 'read';
    if (changed.length === 0) return { result, changed, bytes: '', form };
    const made = jobsMade(jobs, after);
    checkMadeJobs(after, made, this.location);
    return { result, changed, bytes: this.serialized(after, extra, jobs, made), form };
  }

  /**
   * The jobs as they will be stored. On bytes this product wrote (in file form), only what the
   * change made is serialised: appended to them, or put in file form among the others.
   */
  private serialized(
    jobs: readonly Job[],
    extra: Record<string, unknown>,
    before: readonly Job[],
    made: MadeJobs,
  ): Buffer | string {
    if (this.checkedAs !== 'written' || !made.othersInOrder) return serializeJobsFile(jobs, extra);
    const appendedOnly =
      Object.keys(extra).length === 0 &&
      made.positions.length === jobs.length - before.length &&
      (made.positions.length === 0 || made.positions[0] === before.length);
    const appended = appendedOnly ? this.withAppended(jobs.slice(before.length)) : null;
    return appended ?? serializeJobsFile(jobs, extra, { inFileFormExcept: made.positions });
  }

  private readLast(): Job | null {
    const written = this.bytes;
    if (!written) return null;
    const end = written.length - JOBS_END.length;
    if (end < 0 || !written.subarray(end).equals(JOBS_END)) return null;
    const start = written.lastIndexOf(JOB_START, end);
    if (start < 0) return null;
    let last: unknown;
    try {
      last = JSON.parse(written.toString('utf8', start + 1, end));
    } catch {
      return null;
    }
    if (typeof last !== 'object' || last === null || !('created_at' in last)) return null;
    return last as Job;
  }
}
