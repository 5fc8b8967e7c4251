import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { errorMessage } from '../../shared/errors';
import { JOBS_KEY } from './jobs-repository';

/**
 * Notices jobs.json changed outside this console — another laptop, `qdn job set-status` — so
 * the board can show it within seconds (issue 8 §7). Every check compares the file's revision
 * (its ETag: a stat-sized HEAD, never a read of the jobs), so a check is cheap however many
 * jobs there are. In a sandbox, a watch of the folder says when to check (debounced: an atomic
 * write is a create and a rename), and a 1 s check backs it up (fs.watch can miss events, and
 * a rename can end a watch). On AWS there is nothing to watch: a HEAD every 10 s.
 */
export interface JobsWatchOptions {
  /** The revision now (JobsService.revision). */
  revision: () => Promise<string | null>;
  /** Told each new revision that this console did not write itself. */
  onChange: (revision: string | null) => void;
  /** This console's own writes (JobsService.wrote): the board already has them. */
  isOwn?: (revision: string | null) => boolean | Promise<boolean>;
  /** The folder holding jobs.json, when it is on this disk (a sandbox). */
  folder?: string | null;
  pollMs?: number;
  debounceMs?: number;
  warn?: (message: string) => void;
}

export interface JobsWatch {
  /** Checks now (e.g. when the console's window gets the focus back). */
  check(): Promise<void>;
  stop(): void;
}

export const SANDBOX_POLL_MS = 1000;
export const REMOTE_POLL_MS = 10_000;

export function watchJobs(options: JobsWatchOptions): JobsWatch {
  const { revision, onChange, isOwn = () => false, folder = null } = options;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const pollMs = options.pollMs ?? (folder ? SANDBOX_POLL_MS : REMOTE_POLL_MS);
  const debounceMs = options.debounceMs ?? 100;
  let stopped = false;
  let seen: Promise<string | null> = revision().catch(() => null);
  let running: Promise<void> | null = null;
  let again = false;
  let failing = false;

  async function checkOnce(): Promise<void> {
    const before = await seen;
    let now: string | null;
    try {
      now = await revision();
      failing = false;
    } catch (err) {
      // Said once per outage, not every second; the next check that works resumes quietly.
      if (!failing) warn(`Watching jobs.json for others' changes failed: ${errorMessage(err)}`);
      failing = true;
      return;
    }
    seen = Promise.resolve(now);
    if (now === before || stopped) return;
    if (!(await isOwn(now)) && !stopped) onChange(now);
  }

  /** One check at a time; a request during one runs one more after it. */
  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await checkOnce();
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  let debounce: NodeJS.Timeout | null = null;
  const soon = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void check(), debounceMs);
    debounce.unref();
  };

  let watcher: FSWatcher | null = null;
  if (folder) {
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name === null || String(name) === JOBS_KEY) soon();
      });
      watcher.on('error', (err) => {
        warn(`Watching ${folder} stopped (${errorMessage(err)}); checking every second instead.`);
        watcher?.close();
        watcher = null;
      });
    } catch (err) {
      warn(`Cannot watch ${folder} (${errorMessage(err)}); checking every second instead.`);
    }
  }
  const timer = setInterval(() => void check(), pollMs);
  timer.unref();

  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
      if (debounce) clearTimeout(debounce);
      watcher?.close();
    },
  };
}

/** What watching a workspace's jobs needs of it. */
export interface WatchedWorkspace {
  config: { mode: 'sandbox' | 'aws' };
  data: { location: string };
  jobs: { revision(): Promise<string | null>; wrote(revision: string | null): Promise<boolean> };
}

/** Watches a workspace's jobs: its data folder in a sandbox, a HEAD every 10 s on AWS. */
export function watchWorkspaceJobs(
  ws: WatchedWorkspace,
  onChange: (revision: string | null) => void,
  warn?: (message: string) => void,
  pollMs?: number,
): JobsWatch {
  return watchJobs({
    revision: () => ws.jobs.revision(),
    isOwn: (revision) => ws.jobs.wrote(revision),
    onChange,
    folder: ws.config.mode === 'sandbox' ? ws.data.location : null,
    ...(warn ? { warn } : {}),
    ...(pollMs ? { pollMs } : {}),
  });
}
