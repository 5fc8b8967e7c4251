import { create } from 'zustand';
import { qdn } from '../qdn';
import type { JobSaved } from '../../../shared/jobs/jobs-api';
import { errorMessage, QdnError } from '../../../shared/errors';
import type { QdnErrorCode } from '../../../shared/errors';
import type { Job, NewJobInput } from '../../../shared/job';
import { STATUS_LABELS } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import { useToastStore } from '../toasts/toast-store';
import { createTaskRunner, idleTasks } from './task-runner';
import type { TaskState } from './task-runner';

/**
 * Its tasks are keyed by job id ('' for the new-job form): `busy` marks the card saving, and
 * `errors` holds the last failed action, or what did not follow a save, as a marker on the card.
 */
interface BoardState extends TaskState<string> {
  jobs: Job[];
  loaded: boolean;
  /** Why the jobs could not be read at all (e.g. a broken jobs.json): the board shows only this. */
  loadError: string | null;
  /** Its code: `jobs_file_invalid` means an earlier jobs.json can be offered. */
  loadErrorCode: QdnErrorCode | null;
  /** Why the latest refresh failed while a board is on screen: shown above the board, kept. */
  refreshError: string | null;
  /** When the jobs on screen were read. */
  loadedAt: Date | null;
  /** The job whose detail panel is open (the panel reads this). */
  selectedJobId: string | null;
  /** The card that is the board's one tab stop (roving tabindex). */
  activeCardId: string | null;
  /** A card that should take the keyboard focus when it is (next) on screen. */
  focusJobId: string | null;
  load: () => Promise<void>;
  createJob: (input: NewJobInput) => Promise<Job | null>;
  /**
   * Moves a job at once on screen, then saves; a failed save puts the card back and says why.
   * A move that is not a step forward or a cancel needs `reason`. The toast offers Undo; `asUndo`
   * is that Undo's own move, which offers none and, refused, leaves the card without a marker.
   */
  moveJob: (
    jobId: string,
    status: JobStatus,
    reason?: string,
    asUndo?: boolean,
  ) => Promise<boolean>;
  select: (jobId: string | null) => void;
  /** Makes a card the tab stop and gives it the keyboard focus. */
  focusCard: (jobId: string) => void;
  focusHandled: () => void;
  clearError: (key: string) => void;
}

const toast = (text: string, tone: 'info' | 'error' = 'info') =>
  useToastStore.getState().push({ text, tone });

/** What an Undo says when the job moved on since the change it would take back (issue 17). */
export const changedSince = (name: string) =>
  `${name}'s job changed since; undo is no longer possible.`;

/** The kanban board: its actions are the only callers of qdn for jobs. */
export const useBoardStore = create<BoardState>()((set, get) => {
  // A load answered after a newer load, or after a change made here, would show a stale board
  // (a card hopping back to where it was): such answers are dropped.
  let latestLoad = 0;
  let localChanges = 0;

  const tasks = createTaskRunner<string>(set, get);
  /** Shows a saved job; what did not follow the save (its tracking page) marks its card. */
  const showSaved = ({ job, warning }: JobSaved): Job => {
    localChanges++;
    set((s) => ({
      jobs: s.jobs.some((j) => j.job_id === job.job_id)
        ? s.jobs.map((j) => (j.job_id === job.job_id ? job : j))
        : [...s.jobs, job],
      errors: warning ? { ...s.errors, [job.job_id]: warning } : omit(s.errors, job.job_id),
    }));
    if (warning) toast(`${job.customer_name}: ${warning}`, 'error');
    return job;
  };

  return {
    jobs: [],
    loaded: false,
    loadError: null,
    loadErrorCode: null,
    refreshError: null,
    loadedAt: null,
    ...idleTasks<string>(),
    selectedJobId: null,
    activeCardId: null,
    focusJobId: null,
    async load() {
      const load = ++latestLoad;
      const changesBefore = localChanges;
      try {
        const jobs = await qdn.listJobs();
        if (load !== latestLoad) return;
        // Read before a change made here: ask again rather than show it.
        if (changesBefore !== localChanges) return await get().load();
        performance.mark('qdn:jobs-arrived');
        set({
          jobs,
          loaded: true,
          loadError: null,
          loadErrorCode: null,
          refreshError: null,
          loadedAt: new Date(),
        });
      } catch (err) {
        if (load !== latestLoad) return;
        const message = errorMessage(err);
        const code = codeOf(err);
        // A blip during a background refresh must not blank the dispatcher's board; a broken
        // jobs.json must, since every action on it would fail: it gets the way to restore it.
        if (get().loadedAt && code !== 'jobs_file_invalid') set({ refreshError: message });
        else set({ loaded: true, loadError: message, loadErrorCode: code });
      }
    },
    async createJob(input) {
      const saved = await tasks.run('', () => qdn.createJob(input));
      if (!saved) return null;
      const job = showSaved(saved);
      toast(`Created ${job.customer_name}'s job.`);
      set({ activeCardId: job.job_id });
      return job;
    },
    async moveJob(jobId, status, reason, asUndo = false) {
      const before = get().jobs.find((j) => j.job_id === jobId);
      if (!before) return false;
      const name = before.customer_name;
      // The card moves now: the save (and the tracking page) follow in the background.
      localChanges++;
      set((s) => ({
        jobs: s.jobs.map((j) => (j.job_id === jobId ? { ...j, status } : j)),
        activeCardId: jobId,
        focusJobId: s.focusJobId === null && isCardFocused(jobId) ? jobId : s.focusJobId,
      }));
      // The toast says why this move failed, even when a newer move of the card owns its marker.
      let why = 'it could not be saved';
      let refusedCode: QdnErrorCode = 'internal';
      const saved = await tasks.run(jobId, async () => {
        try {
          // No reason is no argument: JSON would carry `undefined` as null, which the contract
          // refuses.
          // An Undo starts from where this card's move left it, or core refuses (`conflict`).
          if (asUndo) {
            return await qdn.setJobStatus(jobId, status, reason ?? 'Undo', {
              undo: true,
              from: before.status,
            });
          }
          return await (reason === undefined
            ? qdn.setJobStatus(jobId, status)
            : qdn.setJobStatus(jobId, status, reason));
        } catch (err) {
          why = errorMessage(err);
          refusedCode = codeOf(err);
          throw err;
        }
      });
      if (saved) {
        const job = showSaved(saved);
        const label = STATUS_LABELS[status];
        if (asUndo) {
          toast(`Moved ${name} back to ${label}.`);
          return true;
        }
        // The Undo takes back this move only while the job is as this move left it.
        const undo = async () => {
          const now = get().jobs.find((j) => j.job_id === jobId);
          if (now?.status !== job.status || now.updated_at !== job.updated_at) {
            toast(changedSince(name));
            return;
          }
          await get().moveJob(jobId, before.status, 'Undo', true);
        };
        useToastStore
          .getState()
          .push({ text: `Moved ${name} to ${label}.`, tone: 'info', undo, jobId });
        return true;
      }
      localChanges++;
      set((s) => ({
        jobs: s.jobs.map((j) => (j.job_id === jobId && j.status === status ? before : j)),
      }));
      if (asUndo) {
        // An Undo refused changes nothing: the card keeps no marker, the toast says why.
        tasks.clearError(jobId);
        if (MOVED_ON.has(refusedCode)) toast(changedSince(name));
        else toast(`Could not undo the move of ${name}: ${why}`, 'error');
      } else {
        toast(`Could not move ${name} to ${STATUS_LABELS[status]}: ${why}`, 'error');
      }
      await get().load();
      return false;
    },
    select(jobId) {
      set(jobId ? { selectedJobId: jobId, activeCardId: jobId } : { selectedJobId: null });
    },
    focusCard(jobId) {
      set({ activeCardId: jobId, focusJobId: jobId });
    },
    focusHandled() {
      set({ focusJobId: null });
    },
    clearError: tasks.clearError,
  };
});

/** Whether the keyboard is on this job's card now (a moved card then keeps it in its new column). */
function isCardFocused(jobId: string): boolean {
  if (typeof document === 'undefined') return false;
  const focused = document.activeElement;
  return focused instanceof HTMLElement && focused.dataset.jobId === jobId;
}

/**
 * Core's refusals of an Undo's move that mean the job moved on meanwhile (another laptop or
 * qdn moved, edited or archived it): said plainly; anything else in core's words.
 */
const MOVED_ON: ReadonlySet<QdnErrorCode> = new Set([
  'invalid_transition',
  'conflict',
  'not_found',
]);

function codeOf(err: unknown): QdnErrorCode {
  return err instanceof QdnError ? err.code : 'internal';
}

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
