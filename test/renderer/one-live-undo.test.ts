import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import type { JobEdit } from '../../src/shared/jobs/job-edit';
import { withToast } from '../../src/renderer/src/toasts/toast-store';
import type { Toast } from '../../src/renderer/src/toasts/toast-store';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// The stores talk to window.qdn only: a stand-in that answers as core does (issue 17 §6).
const CHICAGO = 'America/Chicago';
const mark: Job = { ...MARK_SEED_RECORD, updated_at: '2026-11-28T09:00:00Z' };
const maria: Job = {
  ...MARK_SEED_RECORD,
  job_id: '0123456789abcdef',
  customer_name: 'Maria',
  updated_at: '2026-11-28T09:00:00Z',
};
const listJobs = vi.fn<() => Promise<CallResult>>();
const setJobStatus = vi.fn<(id: string, status: string, reason?: string) => Promise<CallResult>>();
const editJob = vi.fn<(id: string, edit: JobEdit) => Promise<CallResult>>();

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', { qdn: { listJobs, setJobStatus, editJob } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

const saved = (job: Job): CallResult => ({ ok: true, value: { job, warning: null } });
const undoable = (toasts: readonly Toast[]) => toasts.filter((t) => t.undo);

async function stores() {
  const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
  const { useJobDetailStore } = await import('../../src/renderer/src/job-detail/job-detail-store');
  const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
  return { board: useBoardStore, detail: useJobDetailStore, toasts: useToastStore };
}

describe('one live Undo per job: the newest (issue 17)', () => {
  it('closes the older Undo toasts of the same job, and only those', () => {
    const undo = () => Promise.resolve();
    let toasts: Toast[] = [];
    toasts = withToast(toasts, { id: 1, text: 'Moved Mark', tone: 'info', undo, jobId: 'a' });
    toasts = withToast(toasts, { id: 2, text: 'Moved Maria', tone: 'info', undo, jobId: 'b' });
    toasts = withToast(toasts, { id: 3, text: 'Problem', tone: 'error' });
    // A toast without Undo (a warning about job a) supersedes nothing and is never closed.
    toasts = withToast(toasts, { id: 4, text: 'a: page late', tone: 'error', jobId: 'a' });
    toasts = withToast(toasts, { id: 5, text: 'Saved Mark', tone: 'info', undo, jobId: 'a' }, 9);
    expect(toasts.map((t) => t.id)).toEqual([2, 3, 4, 5]);
  });

  it('two moves of one job: the older toast is gone, the newest Undo works', async () => {
    const { board, toasts } = await stores();
    listJobs.mockResolvedValue({ ok: true, value: [mark, maria] });
    await board.getState().load();
    setJobStatus.mockResolvedValueOnce(saved({ ...maria, status: 'en_route' }));
    await board.getState().moveJob(maria.job_id, 'en_route');
    setJobStatus.mockResolvedValueOnce(saved({ ...mark, status: 'en_route', updated_at: 'x1' }));
    await board.getState().moveJob(mark.job_id, 'en_route');
    const second = { ...mark, status: 'on_site' as const, updated_at: '2026-11-28T09:05:00Z' };
    setJobStatus.mockResolvedValueOnce(saved(second));
    await board.getState().moveJob(mark.job_id, 'on_site');

    expect(undoable(toasts.getState().toasts).map((t) => t.text)).toEqual([
      'Moved Maria to En route.',
      'Moved Mark to On site.',
    ]);
    listJobs.mockResolvedValue({ ok: true, value: [{ ...mark, status: 'en_route' }, maria] });
    setJobStatus.mockResolvedValueOnce(saved({ ...second, status: 'en_route' }));
    await toasts.getState().toasts.at(-1)!.undo!();
    expect(setJobStatus).toHaveBeenLastCalledWith(mark.job_id, 'en_route', 'Undo', {
      undo: true,
      from: 'on_site',
    });
    expect(board.getState().errors[mark.job_id]).toBeUndefined();
  });

  it('an Undo whose job changed since says so plainly and leaves the card clean', async () => {
    const { board, toasts } = await stores();
    listJobs.mockResolvedValue({ ok: true, value: [maria] });
    await board.getState().load();
    const moved = { ...maria, status: 'en_route' as const, updated_at: '2026-11-28T09:05:00Z' };
    setJobStatus.mockResolvedValueOnce(saved(moved));
    await board.getState().moveJob(maria.job_id, 'en_route');
    const undo = toasts.getState().toasts.at(-1)!.undo!;
    // Another laptop moved her on meanwhile; the board has read it.
    const elsewhere = { ...moved, status: 'on_site' as const, updated_at: '2026-11-28T09:07:00Z' };
    listJobs.mockResolvedValue({ ok: true, value: [elsewhere] });
    await board.getState().load();

    await undo();
    expect(setJobStatus).toHaveBeenCalledTimes(1); // nothing sent
    expect(toasts.getState().toasts.at(-1)).toMatchObject({
      text: "Maria's job changed since; undo is no longer possible.",
      tone: 'info',
    });
    expect(board.getState().errors).toEqual({});
    expect(board.getState().jobs[0]!.status).toBe('on_site');
  });

  it('an Undo core refuses because the job moved on leaves no marker on the card', async () => {
    const { board, toasts } = await stores();
    listJobs.mockResolvedValue({ ok: true, value: [maria] });
    await board.getState().load();
    setJobStatus.mockResolvedValueOnce(saved({ ...maria, status: 'en_route' }));
    await board.getState().moveJob(maria.job_id, 'en_route');
    // The board has not heard yet: core is the one to refuse.
    setJobStatus.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: "Maria's job is Completed now, not En route." },
    });
    listJobs.mockResolvedValue({ ok: true, value: [{ ...maria, status: 'completed' }] });
    await toasts.getState().toasts.at(-1)!.undo!();
    expect(setJobStatus).toHaveBeenLastCalledWith(maria.job_id, 'scheduled', 'Undo', {
      undo: true,
      from: 'en_route',
    });
    expect(board.getState().errors).toEqual({});
    expect(toasts.getState().toasts.at(-1)!.text).toBe(
      "Maria's job changed since; undo is no longer possible.",
    );
  });

  it("an edit's Undo is sent marked as an undo, replaces the job's older Undo, and a conflict is said plainly", async () => {
    const { board, detail, toasts } = await stores();
    listJobs.mockResolvedValue({ ok: true, value: [maria] });
    await board.getState().load();
    setJobStatus.mockResolvedValueOnce(saved({ ...maria, status: 'en_route' }));
    await board.getState().moveJob(maria.job_id, 'en_route');
    editJob.mockResolvedValueOnce(saved({ ...maria, price: 650 }));
    detail.getState().startEdit(maria, CHICAGO);
    detail.getState().setField('price', '650');
    expect(await detail.getState().save(maria, CHICAGO)).toBe(true);
    expect(undoable(toasts.getState().toasts).map((t) => t.text)).toEqual(["Saved Maria's price."]);

    editJob.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: 'Price was changed meanwhile to "700".' },
    });
    await toasts.getState().toasts.at(-1)!.undo!();
    expect(editJob).toHaveBeenLastCalledWith(maria.job_id, {
      changes: { price: 600 },
      base: { price: 650 },
      allow_past_pickup: true,
      undo: true,
    });
    expect(toasts.getState().toasts.at(-1)).toMatchObject({
      text: "Maria's job changed since; undo is no longer possible.",
      tone: 'info',
    });
    expect(board.getState().errors).toEqual({});
  });
});
