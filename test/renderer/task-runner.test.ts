import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { CallResult } from '../../src/shared/api';
import { unwrapCall } from '../../src/shared/call';
import { createTaskRunner, idleTasks } from '../../src/renderer/src/stores/task-runner';
import type {
  TaskRunner,
  TaskRunnerOptions,
  TaskState,
} from '../../src/renderer/src/stores/task-runner';

// A real zustand store composing the runner, as the board, deploy, settings and job stores do;
// the work is a call answered when the test says so, as a slow disk or network would answer.
type Task = 'save' | 'load';
interface TestState extends TaskState<Task> {
  note: string;
}

function store(options?: TaskRunnerOptions<Task>) {
  let runner!: TaskRunner<Task>;
  const useStore = create<TestState>()((set, get) => {
    runner = createTaskRunner<Task>(set, get, options);
    return { note: 'kept', ...idleTasks<Task>() };
  });
  return { state: () => useStore.getState(), runner };
}

function later<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

/** The work as the stores' work is: a bridge answer unwrapped (a failure throws a QdnError). */
const call =
  <T>(answer: Promise<CallResult>) =>
  async () =>
    unwrapCall<T>(await answer);
const failed = (message: string): CallResult => ({
  ok: false,
  error: { code: 'conflict', message },
});

describe('task runner', () => {
  it('is busy while its work runs and not after; the answer is returned', async () => {
    const { state, runner } = store();
    const answer = later<CallResult>();
    const running = runner.run('save', call<number>(answer.promise));
    expect(state().busy).toEqual({ save: true });
    answer.answer({ ok: true, value: 42 });
    expect(await running).toBe(42);
    expect(state().busy).toEqual({ save: false });
    expect(state().errors).toEqual({});
    expect(state().note).toBe('kept'); // the rest of the store is left alone
  });

  it("keeps a failure as the CallResult error's message, until the next run of that task", async () => {
    const { state, runner } = store();
    const answer = Promise.resolve(failed('phone was changed meanwhile'));
    expect(await runner.run('save', call(answer))).toBeNull();
    expect(state().errors.save).toBe('phone was changed meanwhile');
    expect(state().busy.save).toBe(false);
    // Another task's run leaves it; the same task's next run clears it as it starts.
    await runner.run('load', async () => 'read');
    expect(state().errors.save).toBe('phone was changed meanwhile');
    const again = later<CallResult>();
    const rerun = runner.run('save', call(again.promise));
    expect(state().errors.save).toBeUndefined();
    again.answer({ ok: true, value: 'saved' });
    expect(await rerun).toBe('saved');
    expect(state().errors.save).toBeUndefined();
  });

  it('keeps the words of anything thrown, not only an Error', async () => {
    const { state, runner } = store();
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- under test: a reason that is no Error
    await runner.run('load', () => Promise.reject({ message: 'the disk is full' }));
    expect(state().errors.load).toBe('the disk is full');
  });

  it('lets the newer run of a task own its busy flag and error line', async () => {
    const { state, runner } = store();
    const older = later<CallResult>();
    const newer = later<CallResult>();
    const first = runner.run('save', call(older.promise));
    const second = runner.run('save', call(newer.promise));

    // The older run fails while the newer one still runs: still busy, no stale error.
    older.answer(failed('an older failure'));
    expect(await first).toBeNull();
    expect(state().busy.save).toBe(true);
    expect(state().errors.save).toBeUndefined();

    newer.answer(failed('the newer failure'));
    expect(await second).toBeNull();
    expect(state().busy.save).toBe(false);
    expect(state().errors.save).toBe('the newer failure');
  });

  it('never lets an older run that ends last undo what the newer one left', async () => {
    const { state, runner } = store();
    const older = later<CallResult>();
    const first = runner.run('save', call(older.promise));
    expect(await runner.run('save', async () => 'newer')).toBe('newer');
    expect(state()).toMatchObject({ busy: { save: false }, errors: {} });

    // The newer run saved: an older failure arriving late is old news, not the task's error.
    older.answer(failed('an older failure'));
    expect(await first).toBeNull(); // its caller still hears how it ended
    expect(state().busy.save).toBe(false);
    expect(state().errors.save).toBeUndefined();
  });

  it('refuses a run as told: null, the work never called, nothing changed', async () => {
    const { state, runner } = store({ refuse: (task, s) => Boolean(s.busy[task]) });
    const answer = later<CallResult>();
    const first = runner.run('save', call(answer.promise));
    let called = false;
    const refused = await runner.run('save', async () => {
      called = true;
      return 'second';
    });
    expect(refused).toBeNull();
    expect(called).toBe(false);
    expect(state().busy.save).toBe(true);
    answer.answer({ ok: true, value: 'first' });
    expect(await first).toBe('first');
    expect(await runner.run('save', async () => 'third')).toBe('third');
  });

  it('tells onError of every failure before the task stops being busy', async () => {
    const heard: { task: Task; message: string; busy: boolean | undefined }[] = [];
    const { state, runner } = store({
      onError: async (task, err) => {
        await Promise.resolve();
        heard.push({ task, message: (err as Error).message, busy: state().busy[task] });
      },
    });
    const older = later<CallResult>();
    const first = runner.run('save', call(older.promise));
    const second = runner.run('save', call(Promise.resolve(failed('newer'))));
    await second;
    older.answer(failed('older'));
    await first;
    expect(heard).toEqual([
      { task: 'save', message: 'newer', busy: true },
      { task: 'save', message: 'older', busy: false },
    ]);
  });

  it('clears one task’s error on demand', async () => {
    const { state, runner } = store();
    await runner.run('save', call(Promise.resolve(failed('no'))));
    await runner.run('load', call(Promise.resolve(failed('nor this'))));
    runner.clearError('save');
    expect(state().errors).toEqual({ load: 'nor this' });
  });
});
