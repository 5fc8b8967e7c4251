import { errorMessage, QdnError } from '../../../shared/errors';
import type { Job } from '../../../shared/job';
import { qdn } from '../qdn';
import { changedSince, useBoardStore } from '../stores/board-store';
import { useToastStore } from '../toasts/toast-store';
import { clockText } from './schedule-layout';
import { dropEdit, undoEdit } from './schedule-drop';

const push = (text: string, tone: 'info' | 'error') =>
  useToastStore.getState().push({ text, tone });

/** What a drop did, in words: "Moved Maria's job to Ana R., 2:15 PM". */
function movedText(job: Job, lane: string | null, minutes: number, startMinutes: number): string {
  const to: string[] = [];
  if (lane !== (job.assigned_to || null)) to.push(lane ?? 'Unassigned');
  if (minutes !== 0) to.push(clockText(startMinutes + minutes));
  return `Moved ${job.customer_name}'s job to ${to.join(', ')}.`;
}

/**
 * A block dropped on `lane`, `minutes` later: saved through editJob against the values it was
 * dragged from, with the usual Undo toast; a refusal (changed elsewhere meanwhile) is said.
 */
export async function moveOnSchedule(
  job: Job,
  lane: string | null,
  minutes: number,
  startMinutes: number,
): Promise<void> {
  const edit = dropEdit(job, lane, minutes);
  if (!edit) return;
  try {
    const saved = await qdn.editJob(job.job_id, edit);
    if (saved.warning) push(saved.warning, 'error');
  } catch (err) {
    const changed =
      err instanceof QdnError && (err.code === 'conflict' || err.code === 'not_found');
    push(changed ? changedSince(job.customer_name) : `Not moved: ${errorMessage(err)}`, 'error');
    await useBoardStore.getState().load();
    return;
  }
  const undo = async () => {
    try {
      const saved = await qdn.editJob(job.job_id, undoEdit(edit));
      if (saved.warning) push(saved.warning, 'error');
      push(`Undid the move of ${job.customer_name}'s job.`, 'info');
    } catch (err) {
      const changed =
        err instanceof QdnError && (err.code === 'conflict' || err.code === 'not_found');
      push(
        changed ? changedSince(job.customer_name) : `Could not undo: ${errorMessage(err)}`,
        'error',
      );
    }
    await useBoardStore.getState().load();
  };
  useToastStore.getState().push({
    text: movedText(job, lane, minutes, startMinutes),
    tone: 'info',
    jobId: job.job_id,
    undo,
  });
  await useBoardStore.getState().load();
}
