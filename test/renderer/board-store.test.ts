import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// The store talks to window.qdn only; a stand-in that answers when the test says so lets the
// order of answers be chosen, as a slow disk or network would choose it.
const mark: Job = { ...MARK_SEED_RECORD };
const listJobs = vi.fn<() => Promise<CallResult>>();
const setJobStatus = vi.fn<(id: string, status: string) => Promise<CallResult>>();

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', { qdn: { listJobs, setJobStatus } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

const saved = (job: Job, warning: string | null = null): CallResult => ({
  ok: true,
  value: { job, warning },
});

function later<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('board store', () => {
  it('never lets a refresh that was read before a move put the card back', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    listJobs.mockResolvedValueOnce({ ok: true, value: [mark] });
    await useBoardStore.getState().load();

    const staleRead = later<CallResult>();
    listJobs.mockReturnValueOnce(staleRead.promise);
    listJobs.mockResolvedValue({ ok: true, value: [{ ...mark, status: 'en_route' }] });
    const refresh = useBoardStore.getState().load(); // e.g. the periodic refresh
    setJobStatus.mockResolvedValueOnce(saved({ ...mark, status: 'en_route' }));
    await useBoardStore.getState().moveJob(mark.job_id, 'en_route');
    staleRead.answer({ ok: true, value: [mark] }); // read before the move landed
    await refresh;

    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['en_route']);
    expect(listJobs).toHaveBeenCalledTimes(3); // the stale answer was followed by a fresh read
  });

  it('keeps the answer of the newest load when two overlap', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    const first = later<CallResult>();
    listJobs.mockReturnValueOnce(first.promise);
    listJobs.mockResolvedValueOnce({ ok: true, value: [{ ...mark, status: 'on_site' }] });
    const older = useBoardStore.getState().load();
    await useBoardStore.getState().load();
    first.answer({ ok: true, value: [mark] });
    await older;
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['on_site']);
  });

  it('shows why the jobs could not be read', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    listJobs.mockResolvedValueOnce({
      ok: false,
      error: { code: 'jobs_file_invalid', message: 'jobs.json cannot be used: not JSON.' },
    });
    await useBoardStore.getState().load();
    expect(useBoardStore.getState()).toMatchObject({
      loaded: true,
      loadError: 'jobs.json cannot be used: not JSON.',
    });
  });

  it('keeps the board on screen when a background refresh fails, and says so', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    listJobs.mockResolvedValueOnce({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    listJobs.mockResolvedValueOnce({
      ok: false,
      error: { code: 'storage_unavailable', message: 'The console service is not running.' },
    });
    await useBoardStore.getState().load();
    expect(useBoardStore.getState()).toMatchObject({
      jobs: [mark],
      loadError: null,
      refreshError: 'The console service is not running.',
    });
    listJobs.mockResolvedValueOnce({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    expect(useBoardStore.getState().refreshError).toBeNull();
  });

  it('moves the card at once, keeps it the tab stop, and offers Undo as a new change', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
    listJobs.mockResolvedValue({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    const answer = later<CallResult>();
    setJobStatus.mockReturnValueOnce(answer.promise);
    const move = useBoardStore.getState().moveJob(mark.job_id, 'en_route');
    // On screen before the save answers.
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['en_route']);
    expect(useBoardStore.getState().activeCardId).toBe(mark.job_id);
    answer.answer(saved({ ...mark, status: 'en_route' }));
    await move;
    const toast = useToastStore.getState().toasts.at(-1)!;
    expect(toast.text).toBe(`Moved ${mark.customer_name} to En route.`);

    setJobStatus.mockResolvedValueOnce(saved({ ...mark, status: 'scheduled' }));
    await toast.undo!();
    expect(setJobStatus).toHaveBeenLastCalledWith(mark.job_id, 'scheduled', 'Undo', {
      undo: true,
      from: 'en_route',
    });
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['scheduled']);
  });

  it('puts a card back, and says why, when the move is refused', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
    listJobs.mockResolvedValue({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    setJobStatus.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_transition', message: 'A job moves one step at a time.' },
    });
    expect(await useBoardStore.getState().moveJob(mark.job_id, 'on_site')).toBe(false);
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual([mark.status]);
    expect(useToastStore.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      text: expect.stringContaining('A job moves one step at a time.'),
    });
  });

  it('shows a move that was saved but not published, with the warning on its card', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    listJobs.mockResolvedValue({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    const warning = 'Saved, but the tracking page could not be updated (EACCES).';
    setJobStatus.mockResolvedValueOnce(saved({ ...mark, status: 'en_route' }, warning));
    await useBoardStore.getState().moveJob(mark.job_id, 'en_route');
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['en_route']);
    expect(useBoardStore.getState().errors[mark.job_id]).toBe(warning);
  });

  it('keeps a card saving while its newer move runs, whatever the older move answered', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
    listJobs.mockResolvedValue({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    const older = later<CallResult>();
    const newer = later<CallResult>();
    setJobStatus.mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    const first = useBoardStore.getState().moveJob(mark.job_id, 'en_route');
    const second = useBoardStore.getState().moveJob(mark.job_id, 'canceled');

    older.answer({
      ok: false,
      error: { code: 'conflict', message: 'Mark was changed meanwhile.' },
    });
    expect(await first).toBe(false);
    // The card still shows the newer save running, and no failure that is not the newer's.
    expect(useBoardStore.getState().busy[mark.job_id]).toBe(true);
    expect(useBoardStore.getState().errors[mark.job_id]).toBeUndefined();
    expect(useToastStore.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      text: 'Could not move Mark to En route: Mark was changed meanwhile.',
    });

    newer.answer(saved({ ...mark, status: 'canceled' }));
    expect(await second).toBe(true);
    expect(useBoardStore.getState().busy[mark.job_id]).toBeFalsy();
    expect(useBoardStore.getState().jobs.map((j) => j.status)).toEqual(['canceled']);
  });

  it('offers the way out when jobs.json breaks while the board is on screen', async () => {
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    listJobs.mockResolvedValueOnce({ ok: true, value: [mark] });
    await useBoardStore.getState().load();
    listJobs.mockResolvedValueOnce({
      ok: false,
      error: { code: 'jobs_file_invalid', message: 'jobs.json cannot be used: not JSON.' },
    });
    await useBoardStore.getState().load();
    expect(useBoardStore.getState()).toMatchObject({
      loadError: 'jobs.json cannot be used: not JSON.',
      loadErrorCode: 'jobs_file_invalid',
    });
  });
});
