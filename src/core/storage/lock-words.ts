import os from 'node:os';
import { QdnError } from '../../shared/errors';
import { STALE_AFTER_MS } from './lock-record';
import type { HeldSeen } from './lock-record';

/** Who holds the lock, in words: "process 4242 on this computer". */
export function holderOf(seen: HeldSeen): string {
  if (seen.kind === 'unknown') {
    return `a writer that left no readable record in its lock ${seen.isDirectory ? 'folder' : 'file'}`;
  }
  const { pid, host } = seen.record;
  if (host !== os.hostname()) return `process ${pid} on ${host}`;
  return pid === process.pid ? `this process (pid ${pid})` : `process ${pid} on this computer`;
}

/** Since when: "since 2026-11-28T14:02:11.000Z (3 s ago)". */
export function sinceOf(seen: HeldSeen, now: number): string {
  if (seen.kind === 'unknown') return `(the lock last changed ${ago(now, seen.mtimeMs)} ago)`;
  const since = Date.parse(seen.record.since);
  return Number.isFinite(since)
    ? `since ${seen.record.since} (${ago(now, since)} ago)`
    : `since an unreadable time (${seen.record.since})`;
}

export function lockedError(
  lock: string,
  file: string,
  seen: HeldSeen,
  now: number,
  waited: number,
): QdnError {
  const staleIn = `${Math.round(STALE_AFTER_MS / 1000)} s`;
  const advice =
    seen.kind === 'unknown'
      ? `It is taken over once ${lock} has not changed for ${staleIn}.`
      : seen.record.host === os.hostname()
        ? 'If that process is stuck, end it: the lock of a process that has ended is taken over at once.'
        : `A lock held on another computer is taken over once it has not been refreshed for ${staleIn}; this one was refreshed ${ago(now, seen.mtimeMs)} ago.`;
  return new QdnError(
    'storage_unavailable',
    `${file} is locked by ${holderOf(seen)}, ${sinceOf(seen, now)}; gave up waiting after ${Math.round(waited / 1000)} s. ${advice}`,
  );
}

function ago(now: number, then: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}
