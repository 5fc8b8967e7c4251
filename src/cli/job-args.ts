import { parseArgs } from 'node:util';
import { JOB_ID_PATTERN } from '../shared/job';
import { parsePrice } from '../shared/money';
import { UsageError } from './cli-error';

/** The one JOB_ID a job command takes, checked before any workspace is opened. */
export function takeJobId(positionals: string[], usage: string): string {
  const [jobId, ...extra] = positionals;
  if (!jobId || extra.length > 0) throw new UsageError(`usage: ${usage}`);
  if (!JOB_ID_PATTERN.test(jobId)) {
    throw new UsageError(`"${jobId}" is not a job id (16 lowercase hex characters)`);
  }
  return jobId;
}

/** `qdn job X JOB_ID` with no options. */
export function parseJobIdOnly(args: string[], usage: string): string {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  return takeJobId(positionals, usage);
}

/** A typed --price: plain digits, ≤ 2 decimals, never `1e3` or `0x10` (see shared/money.ts). */
export function priceFlag(text: string): number {
  const price = parsePrice(text);
  if (!price.ok) throw new UsageError(`--price ${price.message}, got "${text}"`);
  return price.amount;
}

/** The flag a dispatcher typed for a field, e.g. pickup_date → --pickup. */
const FLAGS: Record<string, string> = {
  customer_name: '--name',
  pickup_date: '--pickup',
  pickup_window_end: '--pickup-end',
  assigned_to: '--assign',
};

export function flagOf(field: PropertyKey | undefined): string {
  if (typeof field !== 'string') return 'input';
  return FLAGS[field] ?? `--${field}`;
}
