import type { CountryCode } from 'libphonenumber-js';
import { QdnError } from '../../shared/errors';
import { checkPhone } from '../../shared/phone';
import { pickupProblem } from '../../shared/pickup-checks';
import type { PickupWindow } from '../../shared/pickup-checks';
import type { JobStatus } from '../../shared/status-flow';

/**
 * What a workspace's settings add to the shared schema's checks of a job's fields: the
 * country phone numbers without a country code are read in, and the crew jobs are assigned to.
 */
export interface JobRules {
  phoneCountry?: CountryCode;
  /** Crew member names; empty or absent: any name is accepted (no crew kept yet). */
  crew?: readonly string[];
  /** The business's zone, for naming times in messages. */
  timeZone?: string;
  /** Statuses a move into texts the customer by itself (config.json → messages.auto). */
  autoTexts?: readonly JobStatus[];
}

/** Refuses (bad_request) a phone number that cannot be one in the business's country. */
export function checkJobPhone(phone: string, rules: JobRules): void {
  const checked = checkPhone(phone, rules.phoneCountry);
  if (!checked.ok) throw new QdnError('bad_request', `Phone ${checked.message}.`);
}

/**
 * The name to store for an assignee: the crew's own spelling of a crew member (matched
 * without regard to case), or null to clear. A name not in a kept crew is refused.
 */
export function checkAssignee(name: string, rules: JobRules): string | null {
  const wanted = name.trim();
  if (wanted === '') return null;
  const crew = rules.crew ?? [];
  if (crew.length === 0) return wanted;
  const member = crew.find((c) => c.toLowerCase() === wanted.toLowerCase());
  if (member) return member;
  const names = crew.slice(0, 10).join(', ') + (crew.length > 10 ? ', …' : '');
  throw new QdnError(
    'bad_request',
    `"${wanted}" is not in the crew (${names}). Add them in Settings first.`,
  );
}

/** A create or an edit that would put a pickup in the past: a caller may offer to confirm it. */
export class PastPickupError extends QdnError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

/**
 * Refuses a pickup window that is over (PastPickupError) unless `allowPast` — the dispatcher
 * confirmed it, recording a pickup after the fact — or that ends before it starts (bad_request).
 */
export function checkPickup(
  window: PickupWindow,
  now: Date,
  allowPast: boolean,
  rules: JobRules,
): void {
  const problem = pickupProblem(window, now, {
    allowPast,
    ...(rules.timeZone ? { timeZone: rules.timeZone } : {}),
  });
  if (problem?.kind === 'past') throw new PastPickupError(problem.message);
  if (problem) throw new QdnError('bad_request', problem.message);
}
