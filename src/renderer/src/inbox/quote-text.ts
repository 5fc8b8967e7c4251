import type { Job } from '../../../shared/job';
import { formatMoney, formatTextWindow, zoneCity } from '../../../shared/format';

/**
 * The text a dispatcher sends with a quote: the price and the window in the business's zone,
 * as the quote page shows them, with the link to confirm. The window in its GSM-7 form (a
 * hyphen, plain spaces): an en dash would send the whole text as UCS-2 (src/shared/format.ts).
 */
export function quoteSms(
  job: Job,
  link: string,
  business: string,
  timeZone: string,
  now: Date = new Date(),
): string {
  const when = formatTextWindow(job.pickup_date, job.pickup_window_end, 'en-US', timeZone, now);
  return `${business}: your pickup quote is ${formatMoney(job.price, job.currency)} for ${when} (${zoneCity(timeZone)} time). Confirm here: ${link}`;
}
