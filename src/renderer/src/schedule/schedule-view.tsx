import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import { useEffect, useMemo } from 'react';
import type { Job } from '../../../shared/job';
import { columnCollision } from '../board/board-dnd';
import type { CrewMember } from '../../../shared/settings/settings';
import { dayKeyOf } from '../../../shared/zoned-time';
import { useFindStore } from '../find/find-store';
import { useBusinessTimeZone } from '../find/use-found-jobs';
import { useSettingsStore } from '../settings/settings-store';
import { useBoardStore } from '../stores/board-store';
import { DayTimeline, laneOfId } from './day-timeline';
import { laneByLane, scheduleAnnouncements, scheduleInstructions } from './schedule-dnd';
import { shiftOf } from './schedule-drop';
import { scheduleJobs } from './schedule-jobs';
import { moveOnSchedule } from './schedule-moves';
import { usePendingMoves, withPending } from './schedule-pending';
import { WeekGrid } from './week-grid';
import { daySchedule, dayHeading, dayWords, weekOf, weekSchedule } from './schedule-layout';
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
  const boardJobs = useBoardStore((s) => s.jobs);
  // A dropped block lands at once: shown where it was dropped while its save is under way.
  const saving = usePendingMoves((s) => s.saving);
  const jobs = useMemo(() => withPending(boardJobs, saving), [boardJobs, saving]);
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
  const mode = useScheduleStore((s) => s.mode);
  const setMode = useScheduleStore((s) => s.setMode);
  // A step is a day on the time line, a week in the week.
  const stride = mode === 'week' ? 7 : 1;
  const today = dayKeyOf(new Date(), timeZone);
  const day = shownDay(picked, timeZone);

  // The find bar's Today / Tomorrow / This week moves the schedule there (it used to change
  // the count only).
  const follow = useScheduleStore((s) => s.follow);
  useEffect(() => follow(dateFilter, timeZone), [follow, dateFilter, timeZone]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const back = event.altKey ? event.key === 'ArrowLeft' : event.key === '[';
      const on = event.altKey ? event.key === 'ArrowRight' : event.key === ']';
      if (!back && !on) return;
      if (!event.altKey && isTyping(event.target)) return;
      event.preventDefault();
      step(back ? -stride : stride, timeZone);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [step, stride, timeZone]);

  const found = useMemo(
    () => scheduleJobs(jobs, { query, status, assignee, date: 'all' }, timeZone),
    [jobs, query, status, assignee, timeZone],
  );
  // A search or a crew or status filter narrows the lanes to those with something to show.
  const narrowed = query.trim() !== '' || assignee !== 'all' || status !== 'all';
  const schedule = useMemo(() => {
    if (mode !== 'day') return null;
    const all = daySchedule(found, crew, day, timeZone);
    return narrowed ? { ...all, lanes: all.lanes.filter((l) => l.blocks.length > 0) } : all;
  }, [mode, found, crew, day, timeZone, narrowed]);
  const week = useMemo(() => {
    if (mode !== 'week') return null;
    const all = weekSchedule(found, crew, day, timeZone);
    return narrowed
      ? { ...all, lanes: all.lanes.filter((l) => l.days.some((d) => d.blocks.length > 0)) }
      : all;
  }, [mode, found, crew, day, timeZone, narrowed]);

  const axisMinutes = schedule ? schedule.axis[1] - schedule.axis[0] : 1;
  const keys = useMemo(() => laneByLane(axisMinutes), [axisMinutes]);
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still opens the job.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: keys,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );
  function onDragEnd({ active, over, delta }: DragEndEvent) {
    if (!over) return;
    const { job, start } = active.data.current as { job: Job; start: number };
    const minutes = shiftOf(delta.x, over.rect.width, axisMinutes);
    void moveOnSchedule(job, laneOfId(String(over.id)), minutes, start);
  }

  useEffect(() => {
    performance.mark('qdn:day-rendered');
  }, [schedule, week]);

  const total = schedule
    ? schedule.lanes.reduce((n, lane) => n + lane.blocks.length, 0)
    : (week?.lanes ?? []).reduce(
        (n, lane) => n + lane.days.reduce((k, d) => k + d.blocks.length, 0),
        0,
      );
  const heading =
    mode === 'week'
      ? `Week of ${dayWords(weekOf(day)[0]!, timeZone)}`
      : dayHeading(day, today, timeZone);
  const unit = mode === 'week' ? 'week' : 'day';
  return (
    <section className="schedule" aria-labelledby="day-view-title">
      <header className="schedule-bar">
        <h2 id="day-view-title">{heading}</h2>
        <div className="segmented" role="radiogroup" aria-label="Schedule">
          {(['day', 'week'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              onClick={() => setMode(m)}
            >
              {m === 'day' ? 'One day' : 'Week'}
            </button>
          ))}
        </div>
        <div className="schedule-nav" role="group" aria-label="Day shown">
          <button
            type="button"
            className="secondary"
            aria-label={`Previous ${unit}`}
            title={`Previous ${unit} ([ or Alt+←)`}
            onClick={() => step(-stride, timeZone)}
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
            aria-label={`Next ${unit}`}
            title={`Next ${unit} (] or Alt+→)`}
            onClick={() => step(stride, timeZone)}
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
      {total === 0 && <p className="muted schedule-empty">No pickups this {unit}.</p>}
      {schedule && (
        <DndContext
          sensors={sensors}
          collisionDetection={columnCollision}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements: scheduleAnnouncements,
            screenReaderInstructions: scheduleInstructions,
          }}
        >
          <DayTimeline
            schedule={schedule}
            selectedJobId={selectedJobId}
            onOpen={select}
            saving={saving}
          />
        </DndContext>
      )}
      {week && (
        <WeekGrid
          week={week}
          today={today}
          timeZone={timeZone}
          selectedJobId={selectedJobId}
          onOpen={select}
          onDay={(d) => {
            setDay(d);
            setMode('day');
          }}
        />
      )}
    </section>
  );
}
