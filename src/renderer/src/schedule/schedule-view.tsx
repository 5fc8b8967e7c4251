import { useEffect, useMemo, useRef } from 'react';
import type { CrewMember } from '../../../shared/settings/settings';
import { addDays, dayKeyOf } from '../../../shared/zoned-time';
import { filterJobs } from '../find/filter-jobs';
import { useFindStore } from '../find/find-store';
import { useBusinessTimeZone } from '../find/use-found-jobs';
import { useSettingsStore } from '../settings/settings-store';
import { useBoardStore } from '../stores/board-store';
import { DayTimeline } from './day-timeline';
import { daySchedule, dayHeading } from './schedule-layout';
import { shownDay, useScheduleStore } from './schedule-store';
import './schedule.css';

const NO_CREW: CrewMember[] = [];

/** Where a key is the dispatcher typing, not a shortcut (a date input takes Alt+arrows too). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLInputElement
  );
}

/**
 * The Day view: any day's jobs per crew member on a time line, with overlaps and full days
 * flagged. [ and ] (or Alt+← →) go a day back or on; a block opens the job.
 */
export function ScheduleView() {
  const jobs = useBoardStore((s) => s.jobs);
  const selectedJobId = useBoardStore((s) => s.selectedJobId);
  const select = useBoardStore((s) => s.select);
  const query = useFindStore((s) => s.query);
  const status = useFindStore((s) => s.status);
  const assignee = useFindStore((s) => s.assignee);
  const dateFilter = useFindStore((s) => s.date);
  const crew = useSettingsStore((s) => s.settings?.crew) ?? NO_CREW;
  const timeZone = useBusinessTimeZone();
  const picked = useScheduleStore((s) => s.day);
  const setDay = useScheduleStore((s) => s.setDay);
  const step = useScheduleStore((s) => s.step);
  const today = dayKeyOf(new Date(), timeZone);
  const day = shownDay(picked, timeZone);

  // The find bar's Today / Tomorrow moves the schedule there (it used to change the count only).
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (followed.current === dateFilter) return;
    followed.current = dateFilter;
    if (dateFilter === 'today') setDay(null);
    if (dateFilter === 'tomorrow') setDay(addDays(dayKeyOf(new Date(), timeZone), 1));
  }, [dateFilter, setDay, timeZone]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const back = event.altKey ? event.key === 'ArrowLeft' : event.key === '[';
      const on = event.altKey ? event.key === 'ArrowRight' : event.key === ']';
      if (!back && !on) return;
      if (!event.altKey && isTyping(event.target)) return;
      event.preventDefault();
      step(back ? -1 : 1, timeZone);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [step, timeZone]);

  const schedule = useMemo(() => {
    const found = filterJobs(jobs, { query, status, assignee, date: 'all' }, timeZone).filter(
      (job) => job.status !== 'canceled' || status === 'canceled',
    );
    const all = daySchedule(found, crew, day, timeZone);
    // A search or a crew filter narrows the lanes to those with something to show.
    const narrowed = query.trim() !== '' || assignee !== 'all' || status !== 'all';
    return narrowed ? { ...all, lanes: all.lanes.filter((l) => l.blocks.length > 0) } : all;
  }, [jobs, query, status, assignee, crew, day, timeZone]);

  useEffect(() => {
    performance.mark('qdn:day-rendered');
  }, [schedule]);

  const total = schedule.lanes.reduce((n, lane) => n + lane.blocks.length, 0);
  return (
    <section className="schedule" aria-labelledby="day-view-title">
      <header className="schedule-bar">
        <h2 id="day-view-title">{dayHeading(day, today, timeZone)}</h2>
        <div className="schedule-nav" role="group" aria-label="Day shown">
          <button
            type="button"
            className="secondary"
            aria-label="Previous day"
            title="Previous day ([ or Alt+←)"
            onClick={() => step(-1, timeZone)}
          >
            ←
          </button>
          <input
            type="date"
            aria-label="Day"
            value={day}
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setDay(e.target.value);
            }}
          />
          <button
            type="button"
            className="secondary"
            aria-label="Next day"
            title="Next day (] or Alt+→)"
            onClick={() => step(1, timeZone)}
          >
            →
          </button>
          <button
            type="button"
            className="secondary"
            disabled={day === today}
            onClick={() => setDay(null)}
          >
            Today
          </button>
        </div>
        <p className="schedule-count muted">
          {total} {total === 1 ? 'pickup' : 'pickups'}
        </p>
      </header>
      {total === 0 && <p className="muted schedule-empty">No pickups this day.</p>}
      <DayTimeline schedule={schedule} selectedJobId={selectedJobId} onOpen={select} />
    </section>
  );
}
