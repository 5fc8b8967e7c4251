import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage, QdnError } from '../../shared/errors';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './durable-file';
import { parseRecord, processRuns, STALE_AFTER_MS, thisBoot } from './lock-record';
import type { HeldSeen, OwnerRecord, Seen } from './lock-record';
import { holderOf, lockedError, sinceOf } from './lock-words';

/**
 * A cross-process lock that says who holds it. The lock is a small file holding its owner's
 * record (pid, host, since when, which file), made whole before it appears (written aside, then
 * hard-linked into place, which fails if a lock is there). A waiter reads the record:
 * - the owner is on this computer and its process has ended (or ran before the last boot):
 *   the lock is taken over at once;
 * - the owner is on another computer (a shared folder): its pid means nothing here, so the
 *   lock is taken over once its owner has not refreshed it for `STALE_AFTER_MS`;
 * - otherwise the waiter waits up to 30 s, saying on the way whom it waits for, and then
 *   fails naming the holder.
 * A record that cannot be read (a lock folder left by proper-lockfile, which this replaces,
 * or a damaged file) is judged by its age alone.
 *
 * Why not proper-lockfile: it judges a lock by its age only, so a writer killed while holding
 * one blocked every write for 10 s, and its waiters gave up after ~5 s with "Lock file is
 * already being held", naming neither the file nor the holder (issue 15).
 */

/** How long a writer waits for a live holder before it gives up. */
export const LOCK_WAIT_MS = 30_000;
/** Well inside STALE_AFTER_MS, even when a loaded machine runs the timer late. */
const HEARTBEAT_MS = 2_000;
/** A wait this short is ordinary contention, not worth a word. */
const FIRST_NOTICE_MS = 1_000;
const NOTICE_EVERY_MS = 10_000;
const MAX_POLL_MS = 50;

/** Time as the lock sees it; tests pass a clock of their own to wait 30 s in no time. */
export interface LockClock {
  now(): number;
  /** Resolves after `ms`, or early (it may reject then) once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: LockClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, signal ? { signal } : {}),
};

export interface FileLockOptions {
  /** The lock file (default `<file>.lock`). */
  lockfilePath?: string;
  /** How long to wait for a live holder (default LOCK_WAIT_MS). */
  waitMs?: number;
  /** Told, in a sentence, whom a writer waits for (default: a line on stderr). */
  onWait?: (message: string) => void;
  clock?: LockClock;
}

/** Tokens of the locks this process holds: a record with our pid and another token is a former life's. */
const heldHere = new Set<string>();
/**
 * Writers of one lock in this process queue here, in order, and only the first of them asks the
 * disk: polling each other apart cost 20 writers of one key 1.6 s where their work took 40 ms.
 */
const queues = new Map<string, Promise<void>>();

const defaultNotice = (message: string) => void process.stderr.write(`qdn: ${message}\n`);

/** Runs `work` holding the lock on `file`; see the top of this file for how it behaves. */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lock = options.lockfilePath ?? `${file}.lock`;
  const clock = options.clock ?? realClock;
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const onWait = options.onWait ?? defaultNotice;
  const started = clock.now();
  const done = await turnHere(lock, started + waitMs, clock);
  try {
    const token = await acquire(lock, file, { clock, started, waitMs, onWait });
    // Only a waiter on another computer looks at the age of a lock whose owner record it reads.
    const heartbeat = setInterval(() => {
      const now = new Date();
      utimes(lock, now, now).catch(() => {}); // gone or taken over: release finds out
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
      await release(lock, token).catch((err: unknown) => {
        // The work is done and must not be reported as failed: a lock left behind is named by
        // the next writer, and taken over once this process ends.
        onWait(`Could not remove the lock ${lock}: ${errorMessage(err)}`);
      });
    }
  } finally {
    done();
  }
}

/**
 * Waits until the writers of `lock` queued before this one in this process are done, or the
 * deadline passes (then `acquire` finds the lock held and says by whom). Returns "I am done".
 */
async function turnHere(lock: string, deadline: number, clock: LockClock): Promise<() => void> {
  const before = queues.get(lock);
  let done = () => {};
  const mine = new Promise<void>((resolve) => (done = resolve));
  const tail = before ? before.then(() => mine) : mine;
  queues.set(lock, tail);
  void tail.then(() => {
    if (queues.get(lock) === tail) queues.delete(lock);
  });
  if (before) {
    let over = false;
    void before.then(() => (over = true));
    while (!over && clock.now() < deadline) {
      const stop = new AbortController();
      await Promise.race([
        before,
        clock.sleep(deadline - clock.now(), stop.signal).catch(() => {}),
      ]);
      stop.abort();
    }
  }
  return done;
}

async function acquire(
  lock: string,
  file: string,
  {
    clock,
    started,
    waitMs,
    onWait,
  }: { clock: LockClock; started: number; waitMs: number; onWait: (m: string) => void },
): Promise<string> {
  const token = randomBytes(8).toString('hex');
  let pollMs = 5;
  let lastNotice: { at: number; holder: string } | null = null;
  for (;;) {
    const record: OwnerRecord = {
      pid: process.pid,
      host: os.hostname(),
      since: new Date(clock.now()).toISOString(),
      file,
      token,
      ...(thisBoot ? { boot: thisBoot } : {}),
    };
    if (await createWhole(lock, `${JSON.stringify(record)}\n`)) {
      heldHere.add(token);
      return token;
    }
    const seen = await inspect(lock);
    if (seen.kind === 'gone') continue; // let go between our try and our look
    const now = clock.now();
    // Taken over, or changed hands meanwhile: try again at once. Else another waiter is
    // taking it over: wait like for any holder.
    if (!isLive(seen, now) && (await takeOver(lock, seen, now))) continue;
    const waited = now - started;
    if (waited >= waitMs) throw lockedError(lock, file, seen, now, waited);
    const holder = seen.kind === 'owner' ? seen.record.token : seen.identity;
    if (
      waited >= FIRST_NOTICE_MS &&
      (!lastNotice || lastNotice.holder !== holder || now - lastNotice.at >= NOTICE_EVERY_MS)
    ) {
      onWait(
        `Waiting for ${file}: ${holderOf(seen)} has held its lock ${sinceOf(seen, now)}. Waiting up to ${Math.round(waitMs / 1000)} s.`,
      );
      lastNotice = { at: now, holder };
    }
    await clock.sleep(Math.min(pollMs, waitMs - waited));
    pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
  }
}

async function release(lock: string, token: string): Promise<void> {
  try {
    const seen = await inspect(lock);
    // Taken over meanwhile (we stopped refreshing it for STALE_AFTER_MS): not ours to remove.
    if (seen.kind === 'owner' && seen.record.token === token) await unlinkIfThere(lock);
  } finally {
    heldHere.delete(token);
  }
}

/** Creates `file` holding `text`, whole, unless something is there already (then false). */
async function createWhole(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeNew(tmp, text);
  } catch (err) {
    throw lockFailure(file, err);
  }
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT, some network shares): an exclusive create, whose
    // record a reader may briefly find empty (it is then judged by age, as any unreadable one).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      return createExclusive(file, text);
    }
    throw lockFailure(file, err);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function writeNew(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', PRIVATE_FILE_MODE).catch(
    async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
      return open(file, 'wx', PRIVATE_FILE_MODE);
    },
  );
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

async function createExclusive(file: string, text: string): Promise<boolean> {
  try {
    await writeNew(file, text);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockFailure(file, err);
  }
}

async function inspect(lock: string): Promise<Seen> {
  let text: string | null = null;
  let isDirectory = false;
  try {
    text = await readFile(lock, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code !== 'EISDIR') throw lockFailure(lock, err);
    isDirectory = true;
  }
  let stats;
  try {
    stats = await stat(lock);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw lockFailure(lock, err);
  }
  const record = text === null ? null : parseRecord(text);
  if (record) return { kind: 'owner', record, mtimeMs: stats.mtimeMs };
  return {
    kind: 'unknown',
    mtimeMs: stats.mtimeMs,
    identity: `${stats.ino}-${Math.trunc(stats.mtimeMs)}`,
    isDirectory,
  };
}

/** Whether whoever holds the lock may still be working. */
function isLive(seen: HeldSeen, now: number): boolean {
  if (seen.kind === 'unknown' || seen.record.host !== os.hostname()) {
    return now - seen.mtimeMs < STALE_AFTER_MS;
  }
  const { pid, token, boot } = seen.record;
  if (pid === process.pid) return heldHere.has(token);
  // After a reboot a pid names another process. (Not judged by the clock: one set by NTP after
  // boot would make a live holder's lock look older than the boot.)
  if (boot !== undefined && thisBoot !== null && boot !== thisBoot) return false;
  return processRuns(pid);
}

/**
 * Removes a lock whose owner is gone. Two waiters may judge the same lock at once: each first
 * claims that lock (by its token) with an exclusive create, so only one removes it, and only
 * after checking it is still the lock it judged, never a fresh one someone made meanwhile.
 * False when another waiter holds the claim (it is removing the lock, or died doing so: its
 * claim is then removed, as any lock of a process that has ended, for the next try).
 */
async function takeOver(lock: string, judged: HeldSeen, now: number): Promise<boolean> {
  const identity = judged.kind === 'owner' ? judged.record.token : judged.identity;
  const claim = `${lock}.${identity}.claim`;
  const mine: OwnerRecord = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date(now).toISOString(),
    file: lock,
    token: randomBytes(8).toString('hex'),
    ...(thisBoot ? { boot: thisBoot } : {}),
  };
  if (!(await createWhole(claim, `${JSON.stringify(mine)}\n`))) {
    // Another waiter is taking it over (a matter of microseconds), unless it died doing so.
    const other = await inspect(claim);
    if (other.kind !== 'gone' && !isLive(other, now)) await unlinkIfThere(claim);
    return false;
  }
  heldHere.add(mine.token); // a claim of this process is live: another waiter here must not remove it
  try {
    const seen = await inspect(lock);
    const still =
      seen.kind === 'owner'
        ? judged.kind === 'owner' && seen.record.token === judged.record.token
        : seen.kind === 'unknown' && judged.kind === 'unknown' && seen.identity === identity;
    if (!still) return true;
    if (seen.kind === 'unknown' && seen.isDirectory) {
      await rmdir(lock).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw lockFailure(lock, err);
      });
    } else {
      await unlinkIfThere(lock);
    }
    return true;
  } finally {
    heldHere.delete(mine.token);
    await unlinkIfThere(claim);
  }
}

async function unlinkIfThere(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw lockFailure(file, err);
  }
}

function lockFailure(file: string, err: unknown): QdnError {
  if (err instanceof QdnError) return err;
  return Object.assign(
    new QdnError('storage_unavailable', `Could not lock ${file}: ${errorMessage(err)}`),
    { cause: err },
  );
}
