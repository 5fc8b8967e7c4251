import { parseArgs } from 'node:util';
import { JOB_ID_PATTERN } from '../shared/job';
import type { JobField } from '../shared/jobs/job-edit';
import { parsePrice } from '../shared/money';
import { readTypedInstant } from '../shared/zoned-time';
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

/**
 * The job flags of `qdn job add` and `qdn job edit`, and the field each sets: `required` for a
 * new job, `clearable` by an empty value in an edit (the optional fields but the currency).
 */
const JOB_FLAGS = {
  name: { field: 'customer_name', required: true },
  address: { field: 'address', required: true },
  pickup: { field: 'pickup_date', required: true },
  'pickup-end': { field: 'pickup_window_end', clearable: true },
  price: { field: 'price', required: true },
  currency: { field: 'currency' },
  phone: { field: 'phone', clearable: true },
  email: { field: 'email', clearable: true },
  service: { field: 'service', clearable: true },
  notes: { field: 'notes', clearable: true },
  assign: { field: 'assigned_to', clearable: true },
} as const satisfies Record<string, { field: JobField; required?: true; clearable?: true }>;
type JobFlag = keyof typeof JOB_FLAGS;
type JobFlagSpec = (typeof JOB_FLAGS)[JobFlag];

/** parseArgs options for every job flag, plus `--allow-past`. */
export const JOB_FLAG_OPTIONS = {
  ...(Object.fromEntries(Object.keys(JOB_FLAGS).map((flag) => [flag, { type: 'string' }])) as {
    [flag in JobFlag]: { type: 'string' };
  }),
  'allow-past': { type: 'boolean' },
} as const;

/** The job flags given (parseArgs' values), each with what it sets and the text typed. */
export function jobFlagsGiven(
  values: Partial<Record<string, string | boolean>>,
): { flag: JobFlag; spec: JobFlagSpec; text: string }[] {
  return (Object.entries(JOB_FLAGS) as [JobFlag, JobFlagSpec][]).flatMap(([flag, spec]) => {
    const text = values[flag];
    return typeof text === 'string' ? [{ flag, spec, text }] : [];
  });
}

/**
 * A typed --pickup or --pickup-end as the instant it means: `2026-12-08 15:00` and
 * `2026-12-08T15:00` on the business's clocks, or a time with `Z` or an offset.
 */
export function pickupFlag(flag: string, text: string, timeZone: string): string {
  const read = readTypedInstant(text, timeZone);
  if (read.ok) return read.iso;
  if (read.problem === 'skipped') {
    throw new UsageError(
      `--${flag} ${read.wallClock} does not exist in ${timeZone}: the clocks jump forward over that hour, so choose a time before or after it`,
    );
  }
  throw new UsageError(
    `--${flag} needs a date and time like 2026-12-08 15:00 (read in ${timeZone}), 2026-12-08T15:00 or 2026-12-08T21:00Z, got "${text}"`,
  );
}

/**
 * A flag's value as its field takes it: a price typed as digits, a pickup time read in the
 * business's zone, the rest as typed.
 */
export function fieldValue(
  flag: JobFlag,
  spec: JobFlagSpec,
  text: string,
  timeZone: string,
): string | number {
  if (spec.field === 'price') return priceFlag(text);
  if (spec.field === 'pickup_date' || spec.field === 'pickup_window_end') {
    return pickupFlag(flag, text, timeZone);
  }
  return text;
}

/** The flags a new job cannot do without. */
export const REQUIRED_JOB_FLAGS = (Object.keys(JOB_FLAGS) as JobFlag[]).filter(
  (flag) => 'required' in JOB_FLAGS[flag],
);

/** How `qdn job add` may start a job: Scheduled (the default), or Requested for a lead. */
export const STARTING_STATUSES = ['scheduled', 'requested'] as const;
export type StartingStatus = (typeof STARTING_STATUSES)[number];

/**
 * `qdn job add`'s `--status S` (or `--status=S`), taken out of its flags. Only a start makes
 * sense here: a job en route or done is reached by `qdn job set-status`, with its history.
 */
export function takeStartingStatus(args: string[]): { status: StartingStatus; flags: string[] } {
  const flags = [...args];
  let status: string | undefined;
  for (let i = 0; i < flags.length; i++) {
    const arg = flags[i]!;
    if (arg === '--') break;
    if (arg !== '--status' && !arg.startsWith('--status=')) continue;
    if (status !== undefined) throw new UsageError('--status is given twice');
    const inline = arg.startsWith('--status=');
    status = inline ? arg.slice('--status='.length) : (flags[i + 1] ?? '');
    flags.splice(i, inline ? 1 : 2);
    i--;
  }
  if (status === undefined) return { status: 'scheduled', flags };
  if (!(STARTING_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(
      `--status for a new job is requested (a lead, priced when you quote it) or scheduled (the default), got "${status}"; later moves are qdn job set-status`,
    );
  }
  return { status: status as StartingStatus, flags };
}

/** A lead needs no --price: it is what the quote sets later. */
export function requiredJobFlags(status: StartingStatus): JobFlag[] {
  return status === 'requested'
    ? REQUIRED_JOB_FLAGS.filter((flag) => flag !== 'price')
    : REQUIRED_JOB_FLAGS;
}

/**
 * A lead's price: none until it is quoted (0, as a booking's request has, reads "needs quote").
 * A price typed with the lead is refused rather than kept: stored unquoted, it would look like
 * a quote the customer never saw.
 */
export function leadPrice(typed: string | boolean | undefined): number {
  if (typed !== undefined) {
    throw new UsageError(
      '--price is set when the lead is quoted, not with --status requested: leave it out (a lead has no price until then)',
    );
  }
  return 0;
}

/** The flag a dispatcher typed for a field, e.g. pickup_date → --pickup. */
function flagOf(field: PropertyKey | undefined): string {
  const flag = (Object.keys(JOB_FLAGS) as JobFlag[]).find((f) => JOB_FLAGS[f].field === field);
  return flag ? `--${flag}` : typeof field === 'string' ? `--${field}` : 'input';
}

/** A schema's complaints, each after the flag that caused it. */
export function flagIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${flagOf(issue.path[0])} ${issue.message}`).join('; ');
}
