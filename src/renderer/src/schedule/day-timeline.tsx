import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { CSSProperties, ReactNode } from 'react';
import { greetingName } from '../../../shared/greeting-name';
import { STATUS_LABELS } from '../../../shared/status-flow';
import type { DaySchedule, ScheduleBlock, ScheduleLane } from './schedule-layout';
import { clockText, rangeText } from './schedule-layout';

interface TimelineProps {
  schedule: DaySchedule;
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  /** The week's compact form: blocks say the time and first name only. */
  compact?: boolean;
  /** The lanes' names are shown by the week's first day only. */
  laneNames?: boolean;
  /** Jobs dropped here whose save is under way, by id: marked "saving…". */
  saving?: Readonly<Record<string, unknown>>;
}

const NONE_SAVING: Readonly<Record<string, unknown>> = {};

/** The droppable id of a lane's track ('' after the colon: Unassigned). */
export const laneId = (name: string | null) => `lane:${name ?? ''}`;
/** The lane a droppable id stands for. */
export const laneOfId = (id: string) => (id === 'lane:' ? null : id.slice('lane:'.length));

/** Where on the axis, in percent of its width. */
function at(minutes: number, [from, to]: [number, number]): number {
  return ((minutes - from) / (to - from)) * 100;
}

/** A day's lanes on one time axis: each job a block from pickup to window end; a block opens it. */
export function DayTimeline({
  schedule,
  selectedJobId,
  onOpen,
  compact = false,
  laneNames = true,
  saving = NONE_SAVING,
}: TimelineProps) {
  const { axis } = schedule;
  const hours: number[] = [];
  for (let m = axis[0]; m <= axis[1]; m += 60) hours.push(m);
  return (
    <div
      className={`timeline${compact ? ' timeline-compact' : ''}`}
      data-day={schedule.day}
      style={{ '--hours': (axis[1] - axis[0]) / 60 } as CSSProperties}
    >
      <div className="timeline-axis" aria-hidden="true">
        {laneNames && <span className="lane-head" />}
        <div className="timeline-hours">
          {hours.map((m) => (
            <span key={m} className="hour-tick" style={{ left: `${at(m, axis)}%` }}>
              {clockText(m)}
            </span>
          ))}
        </div>
      </div>
      {schedule.lanes.map((lane) => (
        <Lane
          key={lane.name ?? ''}
          lane={lane}
          axis={axis}
          hours={hours}
          selectedJobId={selectedJobId}
          onOpen={onOpen}
          compact={compact}
          laneNames={laneNames}
          saving={saving}
        />
      ))}
    </div>
  );
}

interface LaneProps {
  lane: ScheduleLane;
  axis: [number, number];
  hours: number[];
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  compact: boolean;
  laneNames: boolean;
  saving: Readonly<Record<string, unknown>>;
}

function Lane({ lane, axis, hours, selectedJobId, onOpen, compact, laneNames, saving }: LaneProps) {
  const name = lane.name ?? 'Unassigned';
  const count = lane.blocks.length;
  return (
    <section
      className={`lane${lane.warnings.length ? ' lane-warn' : ''}`}
      aria-label={name}
      data-assignee={lane.name ?? ''}
    >
      {laneNames ? (
        <header className="lane-head">
          <h3>
            {name}
            {lane.kind === 'truck' && <span className="lane-kind"> · truck</span>}
          </h3>
          <p className="lane-count">
            {count} {count === 1 ? 'job' : 'jobs'}
            {count > 0 && ` · ${Math.round((lane.bookedMinutes / 60) * 10) / 10} h`}
          </p>
          {lane.warnings.map((w) => (
            <p key={w} className="lane-warning">
              <span aria-hidden="true">⚠ </span>
              {w}
            </p>
          ))}
        </header>
      ) : (
        lane.warnings.length > 0 && (
          <p className="lane-warning lane-warning-compact" title={lane.warnings.join('; ')}>
            <span aria-hidden="true">⚠ </span>
            {lane.warnings.join('; ')}
          </p>
        )
      )}
      <LaneTrack lane={lane}>
        {hours.map((m) => (
          <span
            key={m}
            className="hour-line"
            style={{ left: `${at(m, axis)}%` }}
            aria-hidden="true"
          />
        ))}
        {lane.blocks.map((block) => (
          <Block
            key={block.job.job_id}
            block={block}
            axis={axis}
            current={block.job.job_id === selectedJobId}
            onOpen={onOpen}
            compact={compact}
            saving={Object.hasOwn(saving, block.job.job_id)}
          />
        ))}
      </LaneTrack>
    </section>
  );
}

/** Where blocks are dropped: a drop on it assigns the job to this lane. */
function LaneTrack({ lane, children }: { lane: ScheduleLane; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: laneId(lane.name) });
  return (
    <div
      ref={setNodeRef}
      className={`lane-track${isOver ? ' lane-over' : ''}`}
      data-lane={lane.name ?? ''}
      style={{ '--rows': lane.rows } as CSSProperties}
    >
      {children}
    </div>
  );
}

interface BlockProps {
  block: ScheduleBlock;
  axis: [number, number];
  current: boolean;
  onOpen: (jobId: string) => void;
  compact: boolean;
  saving: boolean;
}

function Block({ block, axis, current, onOpen, compact, saving }: BlockProps) {
  const { job } = block;
  const time = rangeText(block.start, block.end);
  const who = greetingName(job.customer_name);
  const what = job.service ?? 'No service';
  const label = `${time}, ${job.customer_name}, ${what}, ${STATUS_LABELS[job.status]}${
    block.overlaps ? ', overlaps another job' : ''
  }${saving ? ', saving' : ''}`;
  const { setNodeRef, attributes, listeners, transform, isDragging } = useDraggable({
    id: job.job_id,
    data: { job, start: block.start },
  });
  return (
    <button
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      type="button"
      className={`block status-${job.status}${block.overlaps ? ' block-overlap' : ''}${
        isDragging ? ' block-dragging' : ''
      }${saving ? ' block-saving' : ''}`}
      data-job-id={job.job_id}
      aria-busy={saving || undefined}
      aria-current={current || undefined}
      aria-label={label}
      title={label}
      style={
        {
          left: `${at(block.start, axis)}%`,
          width: `${at(block.end, axis) - at(block.start, axis)}%`,
          '--row': block.row,
          ...(transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : {}),
        } as CSSProperties
      }
      onClick={() => onOpen(job.job_id)}
    >
      {/* The sign leads so that a narrow block keeps it; the word follows the time. */}
      <span className="block-time">
        {block.overlaps && <span className="block-flag">⚠ </span>}
        {time}
        {block.overlaps && <span className="block-flag"> · Overlap</span>}
      </span>
      <span className="block-name">{who}</span>
      {!compact && <span className="block-what">{what}</span>}
      {saving && (
        <span className="block-saving-note" aria-hidden="true">
          saving…
        </span>
      )}
    </button>
  );
}
