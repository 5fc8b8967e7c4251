import { useEffect, useState } from 'react';
import { addDays, dayKeyOf } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';
import { dayStartOf } from './day-rows';

/** Longest wait between looks at the clock: a laptop's sleep can outlast a long timer. */
const RECHECK_MS = 15 * 60_000;

/** Today in the business's zone, as YYYY-MM-DD; the component re-renders when the day turns. */
export function useBusinessDay(timeZone: string): DayKey {
  const [tick, setTick] = useState(0);
  const today = dayKeyOf(new Date(), timeZone);
  useEffect(() => {
    const untilTomorrow = dayStartOf(addDays(today, 1), timeZone) - Date.now();
    const timer = setTimeout(
      () => setTick((t) => t + 1),
      Math.max(1_000, Math.min(untilTomorrow + 1_000, RECHECK_MS)),
    );
    return () => clearTimeout(timer);
  }, [today, timeZone, tick]);
  return today;
}
