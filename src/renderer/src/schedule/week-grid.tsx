import type { CSSProperties } from 'react';
import { greetingName } from '../../../shared/greeting-name';
import { STATUS_LABELS } from '../../../shared/status-flow';
import type { DayKey } from '../../../shared/zoned-time';
import type { WeekSchedule } from './schedule-layout';
import { rangeText } from './schedule-layout';

interface WeekGridProps {
  week: WeekSchedule;
  today: DayKey;
  timeZone: string;
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  /** A day's header opens that day on its time line. */
  onDay: (day: DayKey) => void;
}

/**
 * The week, compact: a row per lane, a column per day, each cell its jobs in time order (time
 * and first name) under that day's warnings for the lane, in words.
 */
export function WeekGrid({ week, today, timeZone, selectedJobId, onOpen, onDay }: WeekGridProps) {
  const dayName = new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
  const dayLabel = (day: DayKey) => {
    // A day key read at noon UTC is that calendar day whatever the zone.
    const words = dayName.format(new Date(`${day}T12:00:00Z`));
    return day === today ? `Today · ${words}` : words;
  };
  return (
    <div
      className="week-grid"
      role="table"
      aria-label={`Week of ${dayLabel(week.days[0]!)}`}
      data-zone={timeZone}
      style={{ '--days': week.days.length } as CSSProperties}
    >
      <div className="week-row week-head" role="row">
        <span role="columnheader" className="week-lane-name">
          Crew
        </span>
        {week.days.map((day) => (
          <span role="columnheader" key={day} className={day === today ? 'week-today' : undefined}>
            <button type="button" className="link-button" onClick={() => onDay(day)}>
              {dayLabel(day)}
            </button>
          </span>
        ))}
      </div>
      {week.lanes.map((lane) => {
        const name = lane.name ?? 'Unassigned';
        return (
          <div
            key={lane.name ?? ''}
            className="week-row"
            role="row"
            aria-label={name}
            data-assignee={lane.name ?? ''}
          >
            <span role="rowheader" className="week-lane-name">
              {name}
              {lane.kind === 'truck' && <span className="lane-kind"> · truck</span>}
            </span>
            {lane.days.map((cell, i) => (
              <div
                role="cell"
                key={week.days[i]}
                className={`week-cell${cell.warnings.length ? ' week-cell-warn' : ''}`}
                aria-label={`${name}, ${dayLabel(week.days[i]!)}`}
              >
                {cell.warnings.map((w) => (
                  <p key={w} className="lane-warning">
                    <span aria-hidden="true">⚠ </span>
                    {w}
                  </p>
                ))}
                {cell.blocks.map((block) => {
                  const { job } = block;
                  const time = rangeText(block.start, block.end);
                  const label = `${time}, ${job.customer_name}, ${job.service ?? 'No service'}, ${
                    STATUS_LABELS[job.status]
                  }${block.overlaps ? ', overlaps another job' : ''}`;
                  return (
                    <button
                      type="button"
                      key={job.job_id}
                      className={`week-job status-${job.status}${block.overlaps ? ' block-overlap' : ''}`}
                      data-job-id={job.job_id}
                      aria-current={job.job_id === selectedJobId || undefined}
                      aria-label={label}
                      title={label}
                      onClick={() => onOpen(job.job_id)}
                    >
                      {block.overlaps && <span className="block-flag">⚠ </span>}
                      <span className="block-time">{time}</span>{' '}
                      <span className="block-name">{greetingName(job.customer_name)}</span>
                    </button>
                  );
                })}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
