import type { Job } from '../../../shared/job';
import {
  JOB_STATUSES,
  moveFactsOf,
  moveKind,
  moveProblem,
  STATUS_LABELS,
} from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';

/**
 * What a drop (or a menu choice) of a job onto a status means: a plain move (a step, a cancel,
 * or the office marking it done), a move that needs a reason (a move back, reopening a canceled
 * job, a request scheduled on a phone confirmation), or a refusal that says why.
 */
export type MoveVerdict =
  { kind: 'same' } | { kind: 'move' } | { kind: 'correction' } | { kind: 'refused'; why: string };

/** The status a job had before it moved to where it is now (from its history), if known. */
export function previousStatusOf(job: Job): JobStatus | null {
  const history = job.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (entry.status !== job.status) return entry.status;
  }
  return null;
}

/**
 * Where a job can be taken back to, with a reason, nearest first: every earlier status of the
 * flow (Completed → On site, En route, Scheduled or Requested in one move), or, for a canceled
 * job, where it was canceled from.
 */
export function backTargets(job: Job): JobStatus[] {
  if (job.status === 'canceled') return [previousStatusOf(job) ?? 'scheduled'];
  return JOB_STATUSES.slice(0, JOB_STATUSES.indexOf(job.status)).reverse();
}

/** The status a correction is first offered at: one step back, or where it was canceled from. */
export function correctionTarget(job: Job): JobStatus | null {
  return backTargets(job)[0] ?? null;
}

/** Whether the office can mark this job done in one move (Scheduled, En route, On site). */
export function canMarkDone(job: Job): boolean {
  const kind = moveKind(job.status, 'completed', moveFactsOf(job));
  return kind === 'step' || kind === 'finish';
}

/** Whether scheduling this job needs the customer's confirmation by phone (no quote yet). */
export function needsPhoneConfirmation(job: Job): boolean {
  return moveKind(job.status, 'scheduled', moveFactsOf(job)) === 'confirm';
}

/**
 * The board's reading of the shared move rules (status-flow.ts): the same words core uses. A
 * drag of a request with no quote onto Scheduled is refused with the way to do it: a drop
 * cannot take the phone confirmation's reason, which the card's menu and the panel ask for.
 */
export function judgeMove(job: Job, to: JobStatus): MoveVerdict {
  const facts = moveFactsOf(job);
  switch (moveKind(job.status, to, facts)) {
    case 'none':
      return { kind: 'same' };
    case 'step':
    case 'finish':
      return { kind: 'move' };
    case 'correction':
      return { kind: 'correction' };
    case 'confirm':
      return {
        kind: 'refused',
        why: `${job.customer_name}'s request has no quote yet. Send a quote, or choose “Schedule (confirmed by phone)…” in the card's menu.`,
      };
    case 'refused':
      return {
        kind: 'refused',
        why: moveProblem(job.status, to, undefined, facts) ?? 'That move is not allowed.',
      };
  }
}

/** What the reason dialog says for a move that needs one: title, field label, and button. */
export interface ReasonWords {
  title: string;
  note: string;
  label: string;
  submit: string;
}

export function reasonWords(job: Job, to: JobStatus): ReasonWords {
  const name = job.customer_name;
  const toLabel = STATUS_LABELS[to];
  if (needsPhoneConfirmation(job) && to === 'scheduled') {
    return {
      title: `Schedule ${name}'s request without a quote?`,
      note: 'It has no quote yet. Schedule it only if the customer confirmed by phone; say what was agreed (kept in the job’s history).',
      label: 'Confirmed by phone: what was agreed',
      submit: 'Schedule it',
    };
  }
  if (job.status === 'canceled') {
    return {
      title: `Reopen ${name}'s job as ${toLabel}?`,
      note: 'It is Canceled now. The customer’s page follows.',
      label: 'Reason',
      submit: `Reopen as ${toLabel}`,
    };
  }
  return {
    title: `Move ${name}'s job back to ${toLabel}?`,
    note: `It is ${STATUS_LABELS[job.status]} now. The customer’s page follows.`,
    label: 'Reason',
    submit: `Move back to ${toLabel}`,
  };
}
