import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FAST_CHECK_IDENTITY } from './jobs-fast-check';

/**
 * Revisions of jobs.json (ETags: MD5s of the bytes) already found valid — written by this
 * product after checking what it changed, or read and checked in full. A read of one of them
 * need not check 10,000 jobs again (~60–110 ms of a cold `qdn job add`, ~0.1–0.3 s at 50,000
 * jobs): the same bytes give the same answer, by the same rules.
 *
 * Forgetting is always safe (the next read checks in full); remembering wrongly is not, so a
 * record is kept only for the rules it was checked by (`FAST_CHECK_IDENTITY`), and any change
 * to the bytes — a hand edit, another tool, another machine's write — is a new ETag.
 */
export interface CheckedRevisions {
  has(etag: string): Promise<boolean>;
  add(etag: string): Promise<void>;
}

/** The last few checked revisions; a handful covers the writers of one workspace. */
const KEEP = 16;

interface RecordFile {
  rules: string;
  etags: string[];
}

/**
 * A small file in the workspace (`.qdn/checked-jobs.json`), so a `qdn` process inherits what
 * the console and earlier runs checked. Two processes adding at once may drop each other's
 * entry: that only costs a full check.
 */
export class CheckedRevisionsFile implements CheckedRevisions {
  private known = new Set<string>();

  constructor(private readonly file: string) {}

  async has(etag: string): Promise<boolean> {
    if (this.known.has(etag)) return true;
    this.known = new Set([...this.known, ...(await this.read())]);
    return this.known.has(etag);
  }

  async add(etag: string): Promise<void> {
    const etags = [...new Set([...(await this.read()), ...this.known, etag])].slice(-KEEP);
    this.known = new Set(etags);
    const record: RecordFile = { rules: FAST_CHECK_IDENTITY, etags };
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

  /** The recorded ETags, or none: missing, damaged, or checked by other rules. */
  private async read(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return []; // missing or unreadable: nothing is known, so everything is checked in full
    }
    try {
      const record = JSON.parse(text) as Partial<RecordFile>;
      if (record.rules !== FAST_CHECK_IDENTITY || !Array.isArray(record.etags)) return [];
      return record.etags.filter((e): e is string => typeof e === 'string');
    } catch {
      return []; // damaged: trust nothing in it
    }
  }
}

/** Remembers for the life of the process only (tests; a store with no workspace folder). */
export class CheckedRevisionsInMemory implements CheckedRevisions {
  private readonly known = new Set<string>();
  has(etag: string): Promise<boolean> {
    return Promise.resolve(this.known.has(etag));
  }
  add(etag: string): Promise<void> {
    this.known.add(etag);
    return Promise.resolve();
  }
}
