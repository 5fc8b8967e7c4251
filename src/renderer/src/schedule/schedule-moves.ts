import { errorMessage, QdnError } from '../../../shared/errors';
import type { Job } from '../../../shared/job';
import type { JobEdit } from '../../../shared/jobs/job-edit';
import { qdn } from '../qdn';
import { changedSince, useBoardStore } from '../stores/board-store';
import { useToastStore } from '../toasts/toast-store';
import { clockText } from './schedule-layout';
import { dropEdit, undoEdit } from './schedule-drop';
import { editedJob, usePendingMoves } from './schedule-pending';

const push = (text: string, tone: 'info' | 'error') =>
  useToastStore.getState().push({ text, tone });

/** What a drop did, in words: "Moved Maria's job to Ana R., 2:15 PM". */
function movedText(job: Job, lane: string | null, minutes: number, startMinutes: number): string {
  const to: string[] = [];
  if (lane !== (job.assigned_to || null)) to.push(lane ?? 'Unassigned');
  if (minutes !== 0) to.push(clockText(startMinutes + minutes));
  return `Moved ${job.customer_name}'s job to ${to.join(', ')}.`;
}

/** Core refused because the job is not as it was dragged from: changed or gone elsewhere. */
const changedElsewhere = (err: unknown) =>
  err instanceof QdnError && (err.code === 'conflict' || err.code === 'not_found');

/**
 * Shows `job` edited at once (marked saving) and saves the edit; the saved job then replaces
 * the board's copy, and the board reloads behind it. Throws what the save threw, the block by
 * then back where the board has it.
 */
async function saveShown(job: Job, edit: JobEdit): Promise<void> {
  const pending = usePendingMoves.getState();
  const seq = pending.show(editedJob(job, edit));
  const board = useBoardStore.getState();
  try {
    const saved = await qdn.editJob(job.job_id, edit);
    useBoardStore.setState((s) => ({
      jobs: s.jobs.map((j) => (j.job_id === saved.job.job_id ? saved.job : j)),
    }));
    if (saved.warning) push(`${saved.job.customer_name}: ${saved.warning}`, 'error');
  } finally {
    usePendingMoves.getState().settle(job.job_id, seq);
    // A reload started before the save would answer with the old place: this newer one wins.
    void board.load();
  }
}

/**
 * A block dropped on `lane`, `minutes` later: it lands there at once, marked saving, while the
 * edit is saved against the values it was dragged from. A refused save puts it back, said in
 * plain words; a saved one offers Undo (the newest change of a job holds its one live Undo).
 */
export async function moveOnSchedule(
  job: Job,
  lane: string | null,
  minutes: number,
  startMinutes: number,
): Promise<void> {
  const edit = dropEdit(job, lane, minutes);
  if (!edit) return;
  const name = job.customer_name;
  try {
    await saveShown(job, edit);
  } catch (err) {
    push(
      changedElsewhere(err)
        ? `${name}'s job was not moved: it was changed elsewhere meanwhile. It is shown as it is now.`
        : `${name}'s job was not moved: ${errorMessage(err)}`,
      'error',
    );
    return;
  }
  const undo = async () => {
    const now = useBoardStore.getState().jobs.find((j) => j.job_id === job.job_id);
    try {
      await saveShown(now ?? editedJob(job, edit), undoEdit(edit));
      push(`Undid the move of ${name}'s job.`, 'info');
    } catch (err) {
      push(
        changedElsewhere(err) ? changedSince(name) : `Could not undo: ${errorMessage(err)}`,
        'error',
      );
    }
  };
  useToastStore.getState().push({
    text: movedText(job, lane, minutes, startMinutes),
    tone: 'info',
    jobId: job.job_id,
    undo,
  });
}
