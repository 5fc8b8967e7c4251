import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import type { JobEdit } from '../../src/shared/jobs/job-edit';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// The store talks to window.qdn only (the Electron bridge cannot run here): a stand-in that
// answers as core does, so what the store sends and what it does with the answers is real.
const CHICAGO = 'America/Chicago';
const mark: Job = { ...MARK_SEED_RECORD, phone: '(312) 555-0142' };
const listJobs = vi.fn<() => Promise<CallResult>>();
const editJob = vi.fn<(id: string, edit: JobEdit) => Promise<CallResult>>();

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', { qdn: { listJobs, editJob } });
  listJobs.mockResolvedValue({ ok: true, value: [mark] });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

async function stores() {
  const { useJobDetailStore } = await import('../../src/renderer/src/job-detail/job-detail-store');
  const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
  return { detail: useJobDetailStore, toasts: useToastStore };
}

describe('job panel store', () => {
  it('saves only the changed field with its starting value, and Undo edits it back', async () => {
    const { detail, toasts } = await stores();
    const changed = { ...mark, phone: '+1 312 555 0199' };
    editJob.mockResolvedValue({ ok: true, value: { job: changed, warning: null } });
    detail.getState().startEdit(mark, CHICAGO);
    detail.getState().setField('phone', '+1 312 555 0199');
    expect(await detail.getState().save(mark, CHICAGO)).toBe(true);
    expect(editJob).toHaveBeenCalledWith(mark.job_id, {
      changes: { phone: '+1 312 555 0199' },
      base: { phone: '(312) 555-0142' },
    });
    expect(detail.getState().editing).toBeNull();
    const toast = toasts.getState().toasts.at(-1)!;
    expect(toast.text).toBe("Saved Mark's phone.");

    editJob.mockResolvedValue({ ok: true, value: { job: mark, warning: null } });
    await toast.undo!();
    expect(editJob).toHaveBeenLastCalledWith(mark.job_id, {
      changes: { phone: '(312) 555-0142' },
      base: { phone: '+1 312 555 0199' },
      allow_past_pickup: true,
      undo: true,
    });
    expect(toasts.getState().toasts.at(-1)!.text).toBe("Undid the edit of Mark's phone.");
  });

  it('a conflict from core: the board is re-read and the dispatcher chooses, then saves', async () => {
    const { detail } = await stores();
    const theirs = { ...mark, phone: '+1 312 555 0103' };
    editJob.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: 'phone was changed meanwhile' },
    });
    listJobs.mockResolvedValue({ ok: true, value: [theirs] });
    detail.getState().startEdit(mark, CHICAGO);
    detail.getState().setField('phone', '+1 312 555 0102');
    expect(await detail.getState().save(mark, CHICAGO)).toBe(false);
    expect(detail.getState().errors.save).toBe('phone was changed meanwhile');
    expect(listJobs).toHaveBeenCalled();

    // The panel hands the re-read job over; the typed phone is kept, the choice offered.
    detail.getState().jobChanged(theirs, CHICAGO);
    expect(detail.getState().editing?.conflicts).toEqual([
      { field: 'phone', theirs: '+1 312 555 0103' },
    ]);
    detail.getState().keepMine('phone');
    editJob.mockResolvedValue({
      ok: true,
      value: { job: { ...mark, phone: '+1 312 555 0102' }, warning: null },
    });
    expect(await detail.getState().save(theirs, CHICAGO)).toBe(true);
    expect(editJob).toHaveBeenLastCalledWith(mark.job_id, {
      changes: { phone: '+1 312 555 0102' },
      base: { phone: '+1 312 555 0103' },
    });
  });

  it('refuses to send a field the shared schema refuses, and sends nothing when nothing changed', async () => {
    const { detail } = await stores();
    detail.getState().startEdit(mark, CHICAGO);
    detail.getState().setField('price', '1e3');
    expect(await detail.getState().save(mark, CHICAGO)).toBe(false);
    detail.getState().setField('price', '600');
    expect(await detail.getState().save(mark, CHICAGO)).toBe(true);
    expect(editJob).not.toHaveBeenCalled();
  });
});
