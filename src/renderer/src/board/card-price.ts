import type { Job } from '../../../shared/job';
import { formatMoney } from '../../../shared/format';
import { awaitsQuote } from '../../../shared/status-flow';

/**
 * The price as the board and the panel show it: "$350.00", or "needs quote" for a request not yet
 * quoted (the rule a move to Scheduled checks) — never "$0.00" for no price.
 */
export function cardPrice(job: Job): string {
  return awaitsQuote(job) ? 'needs quote' : formatMoney(job.price, job.currency);
}
