import { create } from 'zustand';
import { addDays, dayKeyOf } from '../../../shared/zoned-time';
import type { DayKey } from '../../../shared/zoned-time';
import type { DateFilter } from '../find/filter-jobs';

/** One day's lanes on a time line, or the week's days side by side. */
export type ScheduleMode = 'day' | 'week';

interface ScheduleState {
  /** The day the schedule shows; null: today, whatever day today is when it is drawn. */
  day: DayKey | null;
  setDay: (day: DayKey | null) => void;
  /**
   * The find bar's date choice the day last followed: its Today / Tomorrow moves the day when
   * chosen, not each time the view opens again (a picked day stays picked).
   */
  followed: DateFilter | null;
  follow: (date: DateFilter, timeZone: string) => void;
  mode: ScheduleMode;
  setMode: (mode: ScheduleMode) => void;
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
  followed: null,
  follow(date, timeZone) {
    if (get().followed === date) return;
    set({ followed: date });
    const today = dayKeyOf(new Date(), timeZone);
    if (date === 'today') set({ day: null, mode: 'day' });
    if (date === 'tomorrow') set({ day: addDays(today, 1), mode: 'day' });
    if (date === 'week') set({ mode: 'week' });
  },
  mode: 'day',
  setMode: (mode) => set({ mode }),
  step: (days, timeZone) => set({ day: addDays(shownDay(get().day, timeZone), days) }),
}));
