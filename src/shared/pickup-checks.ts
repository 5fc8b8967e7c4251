import { formatPickupWindow } from './format';

/**
 * Checks of a pickup window a dispatcher sets (issue 8 §2), shared by the form, core and the
 * CLI so each refuses the same things in the same words.
 */
export interface PickupWindow {
  start: string;
  end?: string | null;
}

export type PickupProblem = { kind: 'order' | 'past'; message: string };

export interface PickupCheckOptions {
  /** The dispatcher confirmed the time is past on purpose (recording a pickup after the fact). */
  allowPast?: boolean;
  /** The business's zone, in which the message names the time. */
  timeZone?: string;
}

/**
 * Why the window cannot be saved as it is, or null. A window is in the past when it is over
 * (its end, or its start when it has no end, is before `now`): "this afternoon" at 3 pm is fine.
 */
export function pickupProblem(
  window: PickupWindow,
  now: Date,
  options: PickupCheckOptions = {},
): PickupProblem | null {
  const start = Date.parse(window.start);
  const end = window.end ? Date.parse(window.end) : null;
  if (Number.isNaN(start) || (end !== null && Number.isNaN(end))) {
    return { kind: 'order', message: 'The pickup needs a date and time.' };
  }
  if (end !== null && end <= start) {
    return { kind: 'order', message: 'The pickup window must end after it starts.' };
  }
  if (!options.allowPast && (end ?? start) < now.getTime()) {
    const when = formatPickupWindow(
      window.start,
      window.end ?? undefined,
      'en-US',
      options.timeZone,
      now,
    );
    return {
      kind: 'past',
      message: `The pickup (${when}) is in the past. Choose a time from now on, or confirm that it is meant to be in the past.`,
    };
  }
  return null;
}
