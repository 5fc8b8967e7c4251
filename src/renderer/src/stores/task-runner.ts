import { errorMessage } from '../../../shared/errors';

/** What a store shows of its tasks: each one's busy flag and its own error line. */
export interface TaskState<K extends string> {
  busy: Partial<Record<K, boolean>>;
  /** Why each task last failed, in the words core gave (a QdnError's message). */
  errors: Partial<Record<K, string>>;
}

/** The store's `set`, as much of it as the runner needs (a zustand store's `set` fits). */
export type SetTaskState<K extends string> = (
  update: (state: TaskState<K>) => Partial<TaskState<K>>,
) => void;

export interface TaskRunnerOptions<K extends string> {
  /** A run this refuses returns null at once and changes nothing (e.g. the task already runs). */
  refuse?: (task: K, state: TaskState<K>) => boolean;
  /** Hears every failure, awaited before the task stops being busy, even a superseded one's. */
  onError?: (task: K, err: unknown) => void | Promise<void>;
}

export interface TaskRunner<K extends string> {
  /**
   * Runs `work` as `task`: busy while it runs, its error kept in words, never thrown past here
   * (null instead). When a run of the same task starts before an earlier one ends, the newer
   * run owns the busy flag and the error line: the earlier one ending neither clears the flag
   * while the newer still runs nor puts back an error the newer run has not made.
   */
  run: <T>(task: K, work: () => Promise<T>) => Promise<T | null>;
  clearError: (task: K) => void;
}

/** The tasks' state before any has run. */
export function idleTasks<K extends string>(): TaskState<K> {
  return { busy: {}, errors: {} };
}

/** The busy/error bookkeeping a store composes for the things it asks core for. */
export function createTaskRunner<K extends string>(
  set: SetTaskState<K>,
  get: () => TaskState<K>,
  options: TaskRunnerOptions<K> = {},
): TaskRunner<K> {
  const latest = new Map<K, number>();
  let runs = 0;

  return {
    async run(task, work) {
      if (options.refuse?.(task, get())) return null;
      const run = ++runs;
      latest.set(task, run);
      const newest = () => latest.get(task) === run;
      set((s) => ({ busy: { ...s.busy, [task]: true }, errors: omit(s.errors, task) }));
      try {
        return await work();
      } catch (err) {
        if (newest()) set((s) => ({ errors: { ...s.errors, [task]: errorMessage(err) } }));
        await options.onError?.(task, err);
        return null;
      } finally {
        if (newest()) set((s) => ({ busy: { ...s.busy, [task]: false } }));
      }
    },
    clearError(task) {
      set((s) => ({ errors: omit(s.errors, task) }));
    },
  };
}

function omit<K extends string, V>(record: Partial<Record<K, V>>, key: K): Partial<Record<K, V>> {
  const { [key]: _removed, ...rest } = record;
  return rest as Partial<Record<K, V>>;
}
