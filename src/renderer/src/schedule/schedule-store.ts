import { create } from 'zustand';
import { addDays, dayKeyOf } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';

interface ScheduleState {
  /** The day the schedule shows; null: today, whatever day today is when it is drawn. */
  day: DayKey | null;
  setDay: (day: DayKey | null) => void;
  /** One day back (-1) or on (+1) from the day shown. */
  step: (days: number, timeZone: string) => void;
}

/** The day shown follows the clock until the dispatcher picks one. */
export function shownDay(day: DayKey | null, timeZone: string, now = new Date()): DayKey {
  return day ?? dayKeyOf(now, timeZone);
}

/** Which day the schedule shows (not persisted: a new session opens on today). */
export const useScheduleStore = create<ScheduleState>()((set, get) => ({
  day: null,
  setDay: (day) => set({ day }),
  step: (days, timeZone) => set({ day: addDays(shownDay(get().day, timeZone), days) }),
}));
