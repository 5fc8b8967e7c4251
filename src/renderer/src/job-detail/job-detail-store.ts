import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage, QdnError } from '../../../shared/errors';
import type { JobSaved } from '../../../shared/jobs/jobs-api';
import type { Job } from '../../../shared/job';
import type { JobField } from '../../../shared/jobs/job-edit';
import { changedSince, useBoardStore } from '../stores/board-store';
import { createTaskRunner, idleTasks } from '../stores/task-runner';
import type { TaskState } from '../stores/task-runner';
import { useToastStore } from '../toasts/toast-store';
import {
  asJobChanges,
  baseOf,
  changesOf,
  draftOf,
  draftValue,
  fieldErrors,
  listFields,
  pastPickupWarning,
  reconcile,
  snapshotOf,
} from './edit-model';
import type { Draft, FieldConflict, Snapshot } from './edit-model';

/** An edit in progress: what is typed, what the job held when it started, what moved since. */
export interface Editing {
  jobId: string;
  draft: Draft;
  start: Snapshot;
  conflicts: FieldConflict[];
  /** The dispatcher confirmed a pickup in the past (recording one after the fact). */
  allowPast: boolean;
}

/** Each thing the panel does: its own busy flag and its own error line beside it. */
export type PanelTask = 'save' | 'link';

interface JobDetailState extends TaskState<PanelTask> {
  editing: Editing | null;
  startEdit: (job: Job, timeZone: string) => void;
  setField: (field: JobField, value: string) => void;
  setAllowPast: (allow: boolean) => void;
  cancelEdit: () => void;
  /** Saves the changed fields; true when saved (the form then closes). */
  save: (job: Job, timeZone: string) => Promise<boolean>;
  /** The job as it now stands (jobsChanged, a reload): untouched fields follow, typed ones ask. */
  jobChanged: (job: Job, timeZone: string) => void;
  keepMine: (field: JobField) => void;
  takeTheirs: (field: JobField, timeZone: string) => void;
  /** Assigns the job to a crew member (null: nobody), as an edit with its own Undo. */
  assign: (job: Job, name: string | null) => Promise<boolean>;
  revoke: (job: Job) => Promise<boolean>;
  rotate: (job: Job) => Promise<boolean>;
  clearError: (task: PanelTask) => void;
}

const toast = (text: string) => useToastStore.getState().push({ text, tone: 'info' });
const toastError = (text: string) => useToastStore.getState().push({ text, tone: 'error' });
/** The board shows what was saved, and so does the panel (which reads the board's jobs). */
const refreshBoard = () => useBoardStore.getState().load();
/** A save's warning (e.g. the tracking page did not follow) is said, never dropped. */
const sayWarning = ({ warning }: JobSaved) => {
  if (warning) toastError(warning);
};

/** The job panel: its actions are the only callers of qdn for one job's edits, moves and link. */
export const useJobDetailStore = create<JobDetailState>()((set, get) => {
  const tasks = createTaskRunner<PanelTask>(set, get, {
    refuse: (key, s) => Boolean(s.busy[key]),
    // The job moved on elsewhere: the board (and this panel) show it as it now stands.
    onError: async (_key, err) => {
      if (err instanceof QdnError && err.code === 'conflict') await refreshBoard();
    },
  });
  const task = tasks.run;

  /**
   * Undo is a new change recorded in history, never a rewrite of it. A field changed since
   * (core's `conflict`) is no failure of the dispatcher's: it is said plainly, nothing marked.
   */
  const undoing = (job: Job, what: string, work: () => Promise<JobSaved>) => async () => {
    try {
      sayWarning(await work());
      toast(`Undid ${what}.`);
    } catch (err) {
      if (err instanceof QdnError && (err.code === 'conflict' || err.code === 'not_found')) {
        toast(changedSince(job.customer_name));
      } else {
        toastError(`Could not undo ${what}: ${errorMessage(err)}`);
      }
    }
    await refreshBoard();
  };

  /** Saves `changes` (checked against `start`), with a toast whose Undo edits them back. */
  const commit = async (
    job: Job,
    changes: Partial<Snapshot>,
    start: Snapshot,
    allowPast = false,
  ) => {
    const fields = Object.keys(changes) as JobField[];
    const base = baseOf(changes, start);
    const saved = await task('save', () =>
      qdn.editJob(job.job_id, {
        changes: asJobChanges(changes),
        base,
        ...(allowPast ? { allow_past_pickup: true } : {}),
      }),
    );
    if (!saved) return false;
    sayWarning(saved);
    const what = `${job.customer_name}'s ${listFields(fields)}`;
    const after = baseOf(changes, snapshotOf(saved.job));
    useToastStore.getState().push({
      text: `Saved ${what}.`,
      tone: 'info',
      jobId: job.job_id,
      undo: undoing(job, `the edit of ${what}`, () =>
        qdn.editJob(job.job_id, {
          changes: asJobChanges(base),
          base: after,
          // Undo puts back what was there, even a time that has passed meanwhile.
          allow_past_pickup: true,
          undo: true,
        }),
      ),
    });
    await refreshBoard();
    return true;
  };

  return {
    editing: null,
    ...idleTasks<PanelTask>(),
    startEdit(job, timeZone) {
      const start = snapshotOf(job);
      set((s) => ({
        editing: {
          jobId: job.job_id,
          start,
          draft: draftOf(start, timeZone),
          conflicts: [],
          allowPast: false,
        },
        errors: { ...s.errors, save: undefined },
      }));
    },
    setField(field, value) {
      const editing = get().editing;
      if (editing) set({ editing: { ...editing, draft: { ...editing.draft, [field]: value } } });
    },
    setAllowPast(allowPast) {
      const editing = get().editing;
      if (editing) set({ editing: { ...editing, allowPast } });
    },
    cancelEdit() {
      set((s) => ({ editing: null, errors: { ...s.errors, save: undefined } }));
    },
    async save(job, timeZone) {
      const editing = get().editing;
      if (!editing || editing.jobId !== job.job_id) return false;
      const changes = changesOf(editing.draft, editing.start, timeZone);
      const fields = Object.keys(changes) as JobField[];
      if (fields.length === 0) {
        set({ editing: null });
        return true;
      }
      if (Object.keys(fieldErrors(changes, editing.start, editing.draft)).length > 0) return false;
      const past = pastPickupWarning(changes, editing.start, timeZone);
      if (past && !editing.allowPast) return false;
      const saved = await commit(job, changes, editing.start, Boolean(past));
      if (saved) set({ editing: null });
      return saved;
    },
    async assign(job, name) {
      const start = snapshotOf(job);
      return commit(job, { assigned_to: name }, start);
    },
    jobChanged(job, timeZone) {
      const editing = get().editing;
      if (!editing || editing.jobId !== job.job_id) return;
      const next = reconcile(editing.draft, editing.start, snapshotOf(job), timeZone);
      set({ editing: { ...editing, ...next } });
    },
    keepMine(field) {
      const editing = get().editing;
      const conflict = editing?.conflicts.find((c) => c.field === field);
      if (!editing || !conflict) return;
      set({
        editing: {
          ...editing,
          start: { ...editing.start, [field]: conflict.theirs },
          conflicts: editing.conflicts.filter((c) => c.field !== field),
        },
      });
    },
    takeTheirs(field, timeZone) {
      const editing = get().editing;
      const conflict = editing?.conflicts.find((c) => c.field === field);
      if (!editing || !conflict) return;
      set({
        editing: {
          ...editing,
          start: { ...editing.start, [field]: conflict.theirs },
          draft: { ...editing.draft, [field]: draftValue(field, conflict.theirs, timeZone) },
          conflicts: editing.conflicts.filter((c) => c.field !== field),
        },
      });
    },
    async revoke(job) {
      const saved = await task('link', () => qdn.revokeJobLink(job.job_id));
      if (!saved) return false;
      sayWarning(saved);
      toast(`Revoked ${job.customer_name}'s tracking link.`);
      await refreshBoard();
      return true;
    },
    async rotate(job) {
      const saved = await task('link', () => qdn.rotateJobLink(job.job_id));
      if (!saved) return false;
      sayWarning(saved);
      toast(`${job.customer_name} has a new tracking link.`);
      await refreshBoard();
      return true;
    },
    clearError: tasks.clearError,
  };
});
