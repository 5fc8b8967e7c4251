import { readFileSync } from 'node:fs';

/** A lock of another computer (or with no readable owner) not refreshed for this long is taken over. */
export const STALE_AFTER_MS = 10_000;

export interface OwnerRecord {
  pid: number;
  host: string;
  since: string;
  /** What the lock protects, for messages. */
  file: string;
  token: string;
  /** Which boot of the computer (Linux's boot_id): a pid of an earlier boot names another process. */
  boot?: string;
}

/** What a waiter found at the lock's path. */
export type Seen =
  | { kind: 'gone' }
  | { kind: 'owner'; record: OwnerRecord; mtimeMs: number }
  | { kind: 'unknown'; mtimeMs: number; identity: string; isDirectory: boolean };

/** A lock that is there: its owner's record, or one that cannot be read. */
export type HeldSeen = Exclude<Seen, { kind: 'gone' }>;

/** This boot's id where the system has one (Linux), else null. */
export const thisBoot: string | null = (() => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
})();

export function parseRecord(text: string): OwnerRecord | null {
  try {
    const value = JSON.parse(text) as Partial<OwnerRecord> | null;
    if (
      value &&
      Number.isSafeInteger(value.pid) &&
      (value.pid ?? 0) > 0 &&
      typeof value.host === 'string' &&
      typeof value.since === 'string' &&
      typeof value.file === 'string' &&
      typeof value.token === 'string' &&
      /^[0-9a-f]{1,64}$/.test(value.token) &&
      (value.boot === undefined || typeof value.boot === 'string')
    ) {
      return value as OwnerRecord;
    }
  } catch {
    // Not JSON: judged by its age, below.
  }
  return null;
}

export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // runs, as another user
  }
}
