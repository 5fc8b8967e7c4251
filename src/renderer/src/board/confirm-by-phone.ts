import { errorMessage } from '../../../shared/errors';
import type { Job } from '../../../shared/job';
import { qdn } from '../qdn';
import { useBoardStore } from '../stores/board-store';
import { useToastStore } from '../toasts/toast-store';

/**
 * A request with no quote scheduled on the customer's word by phone (issue 17): the price agreed
 * on the phone is saved first when the request has none (a request comes in at 0, and a card
 * of "$0.00" on the schedule is a price no one agreed), then the move, with its reason. A price
 * that could not be saved schedules nothing; a move refused after it leaves the price saved
 * and the request where it was, so confirming again needs only the move.
 */
export async function confirmByPhone(
  job: Job,
  price: number | null,
  reason: string,
): Promise<boolean> {
  if (price !== null && price !== job.price) {
    try {
      const saved = await qdn.editJob(job.job_id, {
        changes: { price },
        base: { price: job.price },
      });
      useBoardStore.setState((s) => ({
        jobs: s.jobs.map((j) => (j.job_id === saved.job.job_id ? saved.job : j)),
      }));
    } catch (err) {
      useToastStore.getState().push({
        text: `${job.customer_name}'s request was not scheduled: the agreed price could not be saved (${errorMessage(err)}).`,
        tone: 'error',
      });
      void useBoardStore.getState().load();
      return false;
    }
  }
  return useBoardStore.getState().moveJob(job.job_id, 'scheduled', reason);
}

/** The agreed price as typed: a decimal amount ≥ 0 with at most 2 decimals, else null. */
export function agreedPriceOf(typed: string): number | null {
  const text = typed.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Number(text);
}
