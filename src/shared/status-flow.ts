/** The life of a job, in board order. `canceled` is reachable from every open status. */
export const JOB_STATUSES = [
  'requested',
  'scheduled',
  'en_route',
  'on_site',
  'completed',
  'canceled',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export const STATUS_LABELS: Record<JobStatus, string> = {
  requested: 'Requested',
  scheduled: 'Scheduled',
  en_route: 'En route',
  on_site: 'On site',
  completed: 'Completed',
  canceled: 'Canceled',
};

const FORWARD: Record<JobStatus, JobStatus | null> = {
  requested: 'scheduled',
  scheduled: 'en_route',
  en_route: 'on_site',
  on_site: 'completed',
  completed: null,
  canceled: null,
};

/** True while the job can still move (not completed, not canceled). */
export function isOpenStatus(status: JobStatus): boolean {
  return FORWARD[status] !== null;
}

/** The next status on the happy path, or null at the end of the flow. */
export function nextStatus(status: JobStatus): JobStatus | null {
  return FORWARD[status];
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  if (to === 'canceled') return isOpenStatus(from);
  return FORWARD[from] === to;
}

/** Board order, for telling a step forward from a step back. */
const ORDER: Record<JobStatus, number> = {
  requested: 0,
  scheduled: 1,
  en_route: 2,
  on_site: 3,
  completed: 4,
  canceled: 5,
};

/** What it takes to do a first step into each status, in a dispatcher's words. */
const FIRST_STEP: Partial<Record<JobStatus, string>> = {
  scheduled: 'Schedule it first',
  en_route: 'Send the crew on the way first',
  on_site: 'Mark the crew on site first',
};

/**
 * What a move needs to know of the job beyond its status. `quoted`: whether it has an agreed
 * price (see awaitsQuote); only a request's move to Scheduled asks.
 */
export interface MoveFacts {
  quoted: boolean;
}

/** The job's own facts for a move: a request waits for its quote until it has one. */
export function moveFactsOf(job: QuoteFields): MoveFacts {
  return { quoted: !awaitsQuote(job) };
}

/** The fields that say whether a job has its price (a Job has them all). */
export interface QuoteFields {
  status: JobStatus;
  price: number;
  quoted_at?: unknown;
}

/**
 * Whether the job has a quote: one saved as such (src/core/inbox/inbox-changes.ts `quoteJob`
 * sets `quoted_at`), which the customer's `/book/<token>` page can show and confirm. A price
 * typed on a request is not one: the customer has not seen it. The one rule for the card's
 * "needs quote", the move to Scheduled (without a quote it takes a confirmation by phone), the
 * panel's customer link and the public status document (issue 17: they disagreed).
 */
export function hasQuote(job: QuoteFields): boolean {
  return typeof job.quoted_at === 'string';
}

/** Whether a job waits for its quote: a request with none saved yet (see hasQuote). */
export function awaitsQuote(job: QuoteFields): boolean {
  return job.status === 'requested' && !hasQuote(job);
}

/**
 * A correction: a move that undoes or reverses the plain flow — a move back, by one step or
 * several at once (a misclicked "Completed" back to Scheduled), or reopening a canceled job at
 * an open status. Corrections need a reason, kept in the job's history (issue 8 §3, issue 17).
 */
export function isCorrection(from: JobStatus, to: JobStatus): boolean {
  if (from === 'canceled') return to !== 'canceled' && to !== 'completed';
  if (to === 'canceled') return false;
  return ORDER[to] < ORDER[from];
}

/**
 * How a move from `from` to `to` is made:
 * - `step`: the next status on the flow, or a cancel;
 * - `finish`: the office marks a scheduled or en route job done in one move, skipping the
 *   crew's steps (the history names them);
 * - `confirm`: a request with no quote scheduled on the customer's word by phone — it needs a
 *   reason, as a correction does;
 * - `correction`: back one step or several, or a reopen, with a reason;
 * - `refused`, or `none` (it is there already).
 * Without `facts`, a request counts as unquoted: a caller that does not know asks for a reason.
 */
export type MoveKind = 'none' | 'step' | 'finish' | 'confirm' | 'correction' | 'refused';

const UNQUOTED: MoveFacts = { quoted: false };

export function moveKind(from: JobStatus, to: JobStatus, facts: MoveFacts = UNQUOTED): MoveKind {
  if (from === to) return 'none';
  if (from === 'requested' && to === 'scheduled' && !facts.quoted) return 'confirm';
  if (canTransition(from, to)) return 'step';
  // A request has no agreed visit to be done yet: it is scheduled first (issue 17).
  if (to === 'completed' && from !== 'requested' && isOpenStatus(from)) return 'finish';
  return isCorrection(from, to) ? 'correction' : 'refused';
}

/** Whether a move of this kind needs a reason (it is kept in the job's history). */
export function needsReason(kind: MoveKind): boolean {
  return kind === 'correction' || kind === 'confirm';
}

/** The statuses an office completion passes over, in flow order ([] for a plain step). */
export function skippedSteps(from: JobStatus, to: JobStatus): JobStatus[] {
  if (from === 'canceled' || to === 'canceled' || ORDER[to] <= ORDER[from]) return [];
  return JOB_STATUSES.slice(ORDER[from] + 1, ORDER[to]);
}

/** Said by every refusal that only wants a reason, so a caller can offer its way to give one. */
export const REASON_KEPT = '(it is kept in the job’s history)';

/**
 * Why a move cannot be made as asked, in words a dispatcher can act on; null when it can.
 * A correction or a phone confirmation without a (non-blank) reason is refused with a request
 * for one.
 */
export function moveProblem(
  from: JobStatus,
  to: JobStatus,
  reason?: string,
  facts: MoveFacts = UNQUOTED,
): string | null {
  const kind = moveKind(from, to, facts);
  const fromLabel = withArticle(STATUS_LABELS[from].toLowerCase());
  if (kind === 'none' || kind === 'step' || kind === 'finish') return null;
  const reasoned = reason !== undefined && reason.trim() !== '';
  if (kind === 'confirm') {
    return reasoned
      ? null
      : `This request has no quote yet: send the customer a quote, or schedule it once they confirmed by phone, with a reason ${REASON_KEPT}.`;
  }
  if (kind === 'correction') {
    if (reasoned) return null;
    return from === 'canceled'
      ? `Reopening a canceled job needs a reason ${REASON_KEPT}.`
      : `Moving a job back needs a reason ${REASON_KEPT}.`;
  }
  if (from === 'completed' && to === 'canceled') {
    return 'A completed job cannot be canceled. Move it back to an open status first, with a reason.';
  }
  if (from === 'canceled') {
    return 'A canceled job can be reopened at an open status (Requested to On site), not Completed.';
  }
  const next = FORWARD[from]!;
  const firstStep = FIRST_STEP[next] ?? `Move it to ${STATUS_LABELS[next]} first`;
  return `${firstStep}: ${fromLabel} job goes to ${STATUS_LABELS[next]} before ${STATUS_LABELS[to]}.`;
}

/** "a scheduled", "an en route". */
function withArticle(label: string): string {
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
