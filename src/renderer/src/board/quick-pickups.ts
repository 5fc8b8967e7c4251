import { addDays, dayKeyOf, localInputOf, zonedInstant } from '../../../shared/zoned-time';

/** A pickup window as the form's two datetime-local fields hold it. */
export interface QuickWindow {
  start: string;
  end: string;
}

/** The windows a dispatcher sets most, one click each, in the business's zone. */
export const QUICK_PICKUPS = {
  'This afternoon': { dayOffset: 0, from: 13, to: 17 },
  'Tomorrow morning': { dayOffset: 1, from: 8, to: 12 },
} as const;
export type QuickPickup = keyof typeof QUICK_PICKUPS;

export function quickWindow(choice: QuickPickup, timeZone: string, now = new Date()): QuickWindow {
  const { dayOffset, from, to } = QUICK_PICKUPS[choice];
  const day = addDays(dayKeyOf(now, timeZone), dayOffset);
  return {
    start: localInputOf(zonedInstant(day, from, 0, timeZone), timeZone),
    end: localInputOf(zonedInstant(day, to, 0, timeZone), timeZone),
  };
}
