import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FIELD_ORDER } from './jobs-file';
import { FAST_CHECK_IDENTITY } from './jobs-fast-check';

/**
 * Revisions of jobs.json (ETags: MD5s of the bytes) already found valid, and how:
 * - `written`: serialised by this product after checking what the change made — valid, and in
 *   file form (keys in file order, jobs in creation order) with nothing after the jobs;
 * - `read`: read and checked in full (a hand edit, a restore) — valid, in whatever form.
 * A read of one of them need not check 10,000 jobs again (~60–110 ms of a cold `qdn job add`,
 * ~0.1–0.3 s at 50,000 jobs): the same bytes give the same answer, by the same rules.
 *
 * Forgetting is always safe (the next read checks in full); remembering wrongly is not, so a
 * record counts only under the rules it was made by (RECORD_RULES), and any change to the
 * bytes — a hand edit, another tool, another machine's write — is a new ETag.
 */
export type CheckedAs = 'written' | 'read';

export interface CheckedRevisions {
  /** How these bytes were found valid; null: never (check them in full). */
  checkedAs(etag: string): Promise<CheckedAs | null>;
  add(etag: string, as: CheckedAs): Promise<void>;
}

/** The check's rules and the file form's field order: a change to either voids the record. */
export const RECORD_RULES = createHash('sha256')
  .update(FAST_CHECK_IDENTITY)
  .update(FIELD_ORDER.join(','))
  // Since `written` promises nothing after the jobs: records made before do not.
  .update('written: nothing after the jobs')
  .digest('hex')
  .slice(0, 32);

/** The last few revisions; a handful covers the writers of one workspace. */
const KEEP = 16;

interface RecordFile {
  rules: string;
  /** Oldest first. */
  revisions: [string, CheckedAs][];
}

/**
 * A small file in the workspace (`.qdn/checked-jobs.json`), so a `qdn` process inherits what
 * the console and earlier runs checked. Two processes adding at once may drop each other's
 * entry: that only costs a full check.
 */
export class CheckedRevisionsFile implements CheckedRevisions {
  private known = new Map<string, CheckedAs>();

  constructor(private readonly file: string) {}

  async checkedAs(etag: string): Promise<CheckedAs | null> {
    if (!this.known.has(etag)) this.known = new Map([...this.known, ...(await this.read())]);
    return this.known.get(etag) ?? null;
  }

  async add(etag: string, as: CheckedAs): Promise<void> {
    const all = new Map([...(await this.read()), ...this.known]);
    all.delete(etag); // re-added last: the newest stays
    all.set(etag, as);
    this.known = new Map([...all].slice(-KEEP));
    const record: RecordFile = { rules: RECORD_RULES, revisions: [...this.known] };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify(record)}\n`);
      await rename(tmp, this.file);
    } catch {
      // A record that cannot be kept (a read-only workspace) only means the next process
      // checks jobs.json in full, as it would without one.
    }
  }

  /** The recorded revisions, or none: missing, unreadable, damaged, or made by other rules. */
  private async read(): Promise<[string, CheckedAs][]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return []; // nothing known: everything is checked in full
    }
    try {
      const record = JSON.parse(text) as Partial<RecordFile>;
      if (record.rules !== RECORD_RULES || !Array.isArray(record.revisions)) return [];
      return record.revisions.filter(
        (r): r is [string, CheckedAs] =>
          Array.isArray(r) && typeof r[0] === 'string' && (r[1] === 'written' || r[1] === 'read'),
      );
    } catch {
      return []; // damaged: trust nothing in it
    }
  }
}

/** Remembers for the life of the process only (tests; a store with no workspace folder). */
export class CheckedRevisionsInMemory implements CheckedRevisions {
  private readonly known = new Map<string, CheckedAs>();
  checkedAs(etag: string): Promise<CheckedAs | null> {
    return Promise.resolve(this.known.get(etag) ?? null);
  }
  add(etag: string, as: CheckedAs): Promise<void> {
    this.known.set(etag, as);
    return Promise.resolve();
  }
}
