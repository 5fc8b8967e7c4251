import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { Job } from '../../src/shared/job';
import type { JobEdit } from '../../src/shared/jobs/job-edit';
import { forEachFault, coverageLine, settleOrAbandon } from '../support/fault-plan';
import type { FaultPlan } from '../support/fault-plan';
import { MARK_SEED_RECORD } from '../fixtures/mark';

// A schedule drop lands at once and is saved behind it (issue 17). The stores talk to
// window.qdn only: here a small core that keeps jobs and refuses an edit whose base is stale,
// as core's editJob does (src/core/jobs/job-edits.ts).
const olivia: Job = {
  ...MARK_SEED_RECORD,
  job_id: '0123456789abcdef',
  customer_name: 'Olivia Bennett',
  assigned_to: 'Ana R.',
  pickup_date: '2026-12-08T15:00:00Z',
  pickup_window_end: '2026-12-08T17:00:00Z',
  updated_at: '2026-12-07T09:00:00Z',
};
const mark: Job = { ...MARK_SEED_RECORD, assigned_to: 'Tom S.' };

interface Core {
  jobs: Map<string, Job>;
  listJobs: () => Promise<CallResult>;
  editJob: (id: string, edit: JobEdit) => Promise<CallResult>;
}

function fakeCore(jobs: Job[]): Core {
  const stored = new Map(jobs.map((j) => [j.job_id, structuredClone(j)]));
  let clock = 0;
  return {
    jobs: stored,
    listJobs: () =>
      Promise.resolve({ ok: true, value: [...stored.values()].map((j) => structuredClone(j)) }),
    editJob(id, edit) {
      const job = stored.get(id);
      if (!job)
        return Promise.resolve({ ok: false, error: { code: 'not_found', message: 'gone' } });
      for (const [field, value] of Object.entries(edit.base ?? {})) {
        const now = (job as unknown as Record<string, unknown>)[field] ?? null;
        if (now !== value) {
          return Promise.resolve({
            ok: false,
            error: { code: 'conflict', message: `${field} was changed meanwhile` },
          });
        }
      }
      const next: Record<string, unknown> = { ...job };
      for (const [field, value] of Object.entries(edit.changes)) {
        if (value === null) delete next[field];
        else next[field] = value;
      }
      next.updated_at = `2026-12-07T10:00:0${++clock}Z`;
      stored.set(id, next as Job);
      return Promise.resolve({ ok: true, value: { job: structuredClone(next), warning: null } });
    },
  };
}

async function modules() {
  const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
  const { useToastStore } = await import('../../src/renderer/src/toasts/toast-store');
  const { moveOnSchedule } = await import('../../src/renderer/src/schedule/schedule-moves');
  const pending = await import('../../src/renderer/src/schedule/schedule-pending');
  /** The job as the schedule draws it: the board's copy, or the drop still saving. */
  const shown = (id: string) =>
    pending
      .withPending(useBoardStore.getState().jobs, pending.usePendingMoves.getState().saving)
      .find((j) => j.job_id === id)!;
  const savingIds = () => Object.keys(pending.usePendingMoves.getState().saving);
  return { board: useBoardStore, toasts: useToastStore, moveOnSchedule, shown, savingIds };
}

/** Serves `core` to the renderer, through `plan`'s counting proxy when given. */
function serve(core: Core, plan?: FaultPlan) {
  const api = { listJobs: () => core.listJobs(), editJob: core.editJob.bind(core) };
  vi.stubGlobal('window', { qdn: plan ? plan.wrap(api, 'qdn') : api });
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

const OLIVIA_START = 9 * 60; // 9 AM on the Day view's axis (minutes of the day)

describe('a schedule drop lands at once (issue 17)', () => {
  it('shows the block in its new lane and time, marked saving, before the save answers', async () => {
    const core = fakeCore([olivia, mark]);
    serve(core);
    const m = await modules();
    await m.board.getState().load();
    // The save waits until released: what the dispatcher sees meanwhile is the drop.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const editJob = core.editJob.bind(core);
    core.editJob = async (id, edit) => {
      await held;
      return editJob(id, edit);
    };
    const move = m.moveOnSchedule(olivia, 'Truck 2', 60, OLIVIA_START);
    expect(m.shown(olivia.job_id)).toMatchObject({
      assigned_to: 'Truck 2',
      pickup_date: '2026-12-08T16:00:00.000Z',
      pickup_window_end: '2026-12-08T18:00:00.000Z',
    });
    expect(m.savingIds()).toEqual([olivia.job_id]);
    release();
    await move;
    expect(m.savingIds()).toEqual([]);
    expect(m.shown(olivia.job_id)).toMatchObject({ assigned_to: 'Truck 2' });
    expect(core.jobs.get(olivia.job_id)!.assigned_to).toBe('Truck 2');
    expect(m.toasts.getState().toasts.at(-1)).toMatchObject({
      text: "Moved Olivia Bennett's job to Truck 2, 10 AM.",
      jobId: olivia.job_id,
    });
  });

  it('a refused save (changed elsewhere) puts the block back and says so in plain words', async () => {
    const core = fakeCore([olivia]);
    serve(core);
    const m = await modules();
    await m.board.getState().load();
    // Another laptop gave her to Luis meanwhile; this board has not heard.
    core.jobs.set(olivia.job_id, { ...olivia, assigned_to: 'Luis M.' });
    await m.moveOnSchedule(olivia, 'Truck 2', 0, OLIVIA_START);
    await vi.waitFor(() => expect(m.shown(olivia.job_id).assigned_to).toBe('Luis M.'));
    expect(m.savingIds()).toEqual([]);
    const last = m.toasts.getState().toasts.at(-1)!;
    expect(last).toMatchObject({
      tone: 'error',
      text: "Olivia Bennett's job was not moved: it was changed elsewhere meanwhile. It is shown as it is now.",
    });
    expect(m.toasts.getState().toasts.some((t) => t.undo)).toBe(false);
  });

  it('Undo lands at once too and puts lane and time back; one live Undo per job', async () => {
    const core = fakeCore([olivia]);
    serve(core);
    const m = await modules();
    await m.board.getState().load();
    await m.moveOnSchedule(olivia, 'Truck 2', 60, OLIVIA_START);
    const first = m.toasts.getState().toasts.at(-1)!;
    const moved = m.shown(olivia.job_id);
    await m.moveOnSchedule(moved, 'Tom S.', 0, OLIVIA_START + 60);
    // The older drop's Undo is closed: only the newest change of a job can be taken back.
    const live = m.toasts.getState().toasts.filter((t) => t.undo);
    expect(live.map((t) => t.text)).toEqual(["Moved Olivia Bennett's job to Tom S.."]);
    expect(live[0]!.id).not.toBe(first.id);
    const undo = live[0]!.undo!();
    expect(m.shown(olivia.job_id).assigned_to).toBe('Truck 2');
    expect(m.savingIds()).toEqual([olivia.job_id]);
    await undo;
    expect(core.jobs.get(olivia.job_id)!.assigned_to).toBe('Truck 2');
    expect(m.toasts.getState().toasts.at(-1)!.text).toBe("Undid the move of Olivia Bennett's job.");
  });

  it('a fault at each call of a drop: never a block left where core does not have it', async () => {
    const report = await forEachFault(async (plan, fault) => {
      vi.resetModules();
      const core = fakeCore([olivia, mark]);
      serve(core);
      const m = await modules();
      await m.board.getState().load();
      serve(core, plan);
      const outcome = await settleOrAbandon(
        m.moveOnSchedule(olivia, 'Truck 2', 60, OLIVIA_START),
        plan,
      );
      const stored = core.jobs.get(olivia.job_id)!;
      if (outcome === 'stopped') {
        // Still saving: the block says so, and shows the drop (the dispatcher's intent).
        expect(m.savingIds()).toEqual([olivia.job_id]);
        expect(m.shown(olivia.job_id).assigned_to).toBe('Truck 2');
      } else {
        await vi.waitFor(() => expect(m.savingIds()).toEqual([]));
        // Settled: the schedule shows what core has; the other job is untouched.
        expect(m.shown(olivia.job_id).assigned_to).toBe(stored.assigned_to);
        expect(m.shown(olivia.job_id).pickup_date).toBe(stored.pickup_date);
        if (stored.assigned_to === 'Ana R.') {
          expect(m.toasts.getState().toasts.at(-1)!.tone).toBe('error');
        }
      }
      expect(core.jobs.get(mark.job_id)).toEqual(mark);
      if (fault === null) return;
      // A clean re-run from what the board now has lands the drop.
      vi.resetModules();
      serve(core);
      const again = await modules();
      await again.board.getState().load();
      const now = again.shown(olivia.job_id);
      if (now.assigned_to !== 'Truck 2') {
        await again.moveOnSchedule(now, 'Truck 2', 60, OLIVIA_START);
      }
      expect(core.jobs.get(olivia.job_id)).toMatchObject({
        assigned_to: 'Truck 2',
        pickup_date: '2026-12-08T16:00:00.000Z',
      });
      expect(again.shown(olivia.job_id).assigned_to).toBe('Truck 2');
    });
    console.log(coverageLine('schedule drop (editJob, then the board reload)', report));
    expect(report.calls).toBe(2);
  });
});
