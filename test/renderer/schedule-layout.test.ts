import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job';
import type { CrewMember } from '../../src/shared/settings/settings';
import { zonedInstant } from '../../src/shared/zoned-time';
import { DayTimeline } from '../../src/renderer/src/schedule/day-timeline';
import {
  dayHeading,
  daySchedule,
  rangeText,
  weekOf,
  weekSchedule,
} from '../../src/renderer/src/schedule/schedule-layout';
import { dropEdit, shiftOf, undoEdit } from '../../src/renderer/src/schedule/schedule-drop';
import { shownDay, useScheduleStore } from '../../src/renderer/src/schedule/schedule-store';
import { MARK_SEED_RECORD } from '../fixtures/mark';

const CHICAGO = 'America/Chicago';
const DAY = '2026-12-08';
const CREW: CrewMember[] = [
  { name: 'Tom S.', kind: 'driver' },
  { name: 'Ana R.', kind: 'driver' },
  { name: 'Truck 2', kind: 'truck' },
];
let n = 0;
/** A job at `from`–`to` ("13:30") on `day` in Chicago; no `to`: no window end. */
function job(from: string, to: string | null, fields: Partial<Job> = {}, day = DAY): Job {
  const at = (hm: string) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return zonedInstant(day, h, m, CHICAGO).toISOString();
  };
  n++;
  return {
    ...MARK_SEED_RECORD,
    job_id: n.toString(16).padStart(16, '0'),
    customer_name: `Customer ${n}`,
    pickup_date: at(from),
    ...(to ? { pickup_window_end: at(to) } : {}),
    ...fields,
  };
}
const laneOf = (jobs: Job[], name: string | null) =>
  daySchedule(jobs, CREW, DAY, CHICAGO).lanes.find((l) => l.name === name)!;

describe('the schedule of a day', () => {
  it('has a lane per crew member in Settings’ order, any other name, then Unassigned', () => {
    const jobs = [
      job('09:00', null, { assigned_to: 'Zed Q.' }),
      job('10:00', null, { assigned_to: '' }),
      job('11:00', null, { assigned_to: 'Ana R.' }),
    ];
    const lanes = daySchedule(jobs, CREW, DAY, CHICAGO).lanes;
    expect(lanes.map((l) => [l.name, l.kind, l.blocks.length])).toEqual([
      ['Tom S.', 'driver', 0],
      ['Ana R.', 'driver', 1],
      ['Truck 2', 'truck', 0],
      ['Zed Q.', null, 1],
      [null, null, 1],
    ]);
  });

  it('puts a job on the day its pickup falls on in the business zone, not UTC', () => {
    // 23:30 in Chicago on Dec 8 is 05:30 UTC on Dec 9: still Chicago's Dec 8.
    const late = job('23:30', null, { assigned_to: 'Tom S.' });
    expect(late.pickup_date).toBe('2026-12-09T05:30:00.000Z');
    expect(laneOf([late], 'Tom S.').blocks.map((b) => b.job)).toEqual([late]);
    expect(daySchedule([late], CREW, '2026-12-09', CHICAGO).lanes[0]!.blocks).toEqual([]);
    // Its default two hours stop at midnight, and the axis widens to hold it.
    const schedule = daySchedule([late], CREW, DAY, CHICAGO);
    expect(schedule.lanes[0]!.blocks[0]).toMatchObject({ start: 23 * 60 + 30, end: 24 * 60 });
    expect(schedule.axis).toEqual([7 * 60, 24 * 60]);
  });

  it('covers 7 AM–7 PM, widened to whole hours to fit an early or late job', () => {
    expect(daySchedule([], CREW, DAY, CHICAGO).axis).toEqual([420, 1140]);
    const early = job('06:15', '07:30', { assigned_to: 'Tom S.' });
    const late = job('18:00', '19:20', { assigned_to: 'Ana R.' });
    expect(daySchedule([early, late], CREW, DAY, CHICAGO).axis).toEqual([360, 1200]);
  });

  it('draws a job from pickup to window end, two hours when it has none or a bad one', () => {
    const blocks = laneOf(
      [
        job('09:00', '09:45', { assigned_to: 'Tom S.' }),
        job('12:00', null, { assigned_to: 'Tom S.' }),
        job('16:00', '15:00', { assigned_to: 'Tom S.' }),
      ],
      'Tom S.',
    ).blocks;
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [540, 585],
      [720, 840],
      [960, 1080],
    ]);
  });

  it('warns on both overlapping jobs and in the lane, in words, and stacks them apart', () => {
    const long = job('13:00', '17:00', { assigned_to: 'Tom S.' });
    const short = job('13:30', '15:30', { assigned_to: 'Tom S.' });
    const after = job('17:00', '18:00', { assigned_to: 'Tom S.' });
    const lane = laneOf([after, short, long], 'Tom S.');
    expect(lane.warnings).toEqual(['2 jobs overlap 1:30–3:30 PM']);
    expect(lane.blocks.map((b) => [b.job, b.overlaps, b.row])).toEqual([
      [long, true, 0],
      [short, true, 1],
      // Starts as the long one ends: no overlap, back on the first row.
      [after, false, 0],
    ]);
    expect(lane.rows).toBe(2);
    // Another lane's job at the same time is no overlap.
    const other = laneOf([long, job('13:00', '14:00', { assigned_to: 'Ana R.' })], 'Ana R.');
    expect(other.warnings).toEqual([]);
  });

  it(`warns when a lane is booked over 10 hours or more than 8 jobs`, () => {
    const busy = laneOf(
      [
        job('07:00', '12:00', { assigned_to: 'Tom S.' }),
        job('12:00', '17:30', { assigned_to: 'Tom S.' }),
      ],
      'Tom S.',
    );
    expect(busy.warnings).toEqual(['10.5 h booked, over 10 h']);
    const exactlyTen = laneOf(
      [
        job('07:00', '12:00', { assigned_to: 'Ana R.' }),
        job('12:00', '17:00', { assigned_to: 'Ana R.' }),
      ],
      'Ana R.',
    );
    expect(exactlyTen.warnings).toEqual([]);
    const many = Array.from({ length: 9 }, (_, i) =>
      job(`${8 + i}:00`, `${8 + i}:30`, { assigned_to: 'Truck 2' }),
    );
    expect(laneOf(many, 'Truck 2').warnings).toEqual(['9 jobs, over 8']);
    expect(laneOf(many.slice(1), 'Truck 2').warnings).toEqual([]);
  });

  it('says a range with the meridiem once, whole hours short, across noon', () => {
    expect(rangeText(13 * 60 + 30, 15 * 60 + 30)).toBe('1:30–3:30 PM');
    expect(rangeText(13 * 60, 17 * 60)).toBe('1–5 PM');
    expect(rangeText(10 * 60 + 30, 12 * 60)).toBe('10:30 AM–12 PM');
    expect(rangeText(0, 60)).toBe('12–1 AM');
  });
});

describe('the day shown', () => {
  it('heads today, tomorrow and yesterday by name, other days by date', () => {
    expect(dayHeading('2026-12-08', '2026-12-07', CHICAGO, 'en-US')).toBe(
      'Tomorrow, Tuesday, December 8',
    );
    expect(dayHeading('2026-12-07', '2026-12-07', CHICAGO, 'en-US')).toBe(
      'Today, Monday, December 7',
    );
    expect(dayHeading('2026-12-06', '2026-12-07', CHICAGO, 'en-US')).toBe(
      'Yesterday, Sunday, December 6',
    );
    expect(dayHeading('2026-12-09', '2026-12-07', CHICAGO, 'en-US')).toBe('Wednesday, December 9');
    // Far east of UTC the same day key is still that calendar day.
    expect(dayHeading('2026-12-09', '2026-12-07', 'Pacific/Auckland', 'en-US')).toBe(
      'Wednesday, December 9',
    );
  });

  it('follows the business’s clock until a day is picked', () => {
    // 23:30 on Dec 7 in Chicago is Dec 8 in UTC.
    const lateEvening = new Date('2026-12-08T05:30:00Z');
    expect(shownDay(null, CHICAGO, lateEvening)).toBe('2026-12-07');
    expect(shownDay('2026-12-24', CHICAGO, lateEvening)).toBe('2026-12-24');
  });

  it('knows the week, Monday first', () => {
    expect(weekOf('2026-12-09')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });
});

describe('the drawn day', () => {
  it('shows each block’s time, first name and service, warnings in text, in time order', () => {
    const long = job('13:00', '17:00', {
      assigned_to: 'Tom S.',
      customer_name: 'Maria Gonzalez',
      service: 'Hot tub removal',
    });
    const short = job('13:30', '15:30', {
      assigned_to: 'Tom S.',
      customer_name: 'Priya Nair',
      service: '20yd dumpster drop',
    });
    const early = job('08:00', null, { assigned_to: 'Tom S.', customer_name: 'Bo Chen' });
    const html = renderToStaticMarkup(
      createElement(DayTimeline, {
        schedule: daySchedule([long, short, early], CREW, DAY, CHICAGO),
        selectedJobId: null,
        onOpen: () => undefined,
      }),
    );
    expect(html).toContain('⚠ </span>2 jobs overlap 1:30–3:30 PM');
    expect(html.match(/ · Overlap</g)).toHaveLength(2);
    expect(html).toContain('<span class="block-flag">⚠ </span>1:30–3:30 PM');
    expect(html).toContain('<span class="block-name">Maria</span>');
    expect(html).toContain('<span class="block-what">Hot tub removal</span>');
    expect(html).toContain('<span class="block-what">No service</span>');
    // Blocks are buttons, in time order within the lane: the keyboard's order.
    const order = [...html.matchAll(/<button[^>]*data-job-id="([0-9a-f]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([early.job_id, long.job_id, short.job_id]);
  });
});

describe('the week', () => {
  it('has a row per lane and a cell per day, each day with its own warnings', () => {
    const mon = job('13:00', '17:00', { assigned_to: 'Tom S.' }, '2026-12-07');
    const mon2 = job('13:30', '15:30', { assigned_to: 'Tom S.' }, '2026-12-07');
    // Same hours on another day: no overlap.
    const wed = job('14:00', '15:00', { assigned_to: 'Tom S.' }, '2026-12-09');
    const sun = job('10:00', null, { assigned_to: 'Zed Q.' }, '2026-12-13');
    const nextMon = job('10:00', null, { assigned_to: 'Tom S.' }, '2026-12-14');
    const week = weekSchedule([mon, mon2, wed, sun, nextMon], CREW, '2026-12-10', CHICAGO);
    expect(week.days[0]).toBe('2026-12-07');
    expect(week.lanes.map((l) => l.name)).toEqual(['Tom S.', 'Ana R.', 'Truck 2', 'Zed Q.', null]);
    const tom = week.lanes[0]!;
    expect(tom.days.map((d) => d.blocks.length)).toEqual([2, 0, 1, 0, 0, 0, 0]);
    expect(tom.days[0]!.warnings).toEqual(['2 jobs overlap 1:30–3:30 PM']);
    expect(tom.days[2]!.warnings).toEqual([]);
    expect(week.lanes[3]!.days[6]!.blocks.map((b) => b.job)).toEqual([sun]);
  });
});

describe('the find bar’s day choice', () => {
  it('moves the schedule when chosen, and leaves a picked day alone on reopening', () => {
    const store = useScheduleStore.getState();
    store.follow('tomorrow', CHICAGO);
    const tomorrow = useScheduleStore.getState().day;
    expect(tomorrow).not.toBeNull();
    expect(tomorrow! > shownDay(null, CHICAGO)).toBe(true);
    useScheduleStore.getState().setDay('2026-12-24');
    // The view opened again with the same choice: the picked day stays.
    useScheduleStore.getState().follow('tomorrow', CHICAGO);
    expect(useScheduleStore.getState().day).toBe('2026-12-24');
    useScheduleStore.getState().follow('today', CHICAGO);
    expect(useScheduleStore.getState()).toMatchObject({ day: null, mode: 'day' });
    useScheduleStore.getState().follow('week', CHICAGO);
    expect(useScheduleStore.getState().mode).toBe('week');
  });
});

describe('a drop on the schedule', () => {
  it('turns pixels into quarter hours of the axis', () => {
    // 720 px for 12 hours: 60 px an hour, 15 px a quarter.
    expect(shiftOf(31, 720, 720)).toBe(30);
    expect(shiftOf(-22, 720, 720)).toBe(-15);
    expect(shiftOf(4, 720, 720)).toBe(0);
    expect(shiftOf(10, 0, 720)).toBe(0);
  });

  it('edits the lane and moves the window with the pickup, against the values dragged from', () => {
    const maria = job('13:00', '17:00', { assigned_to: 'Tom S.' });
    expect(dropEdit(maria, 'Tom S.', 0)).toBeNull();
    expect(dropEdit(maria, 'Ana R.', 0)).toEqual({
      changes: { assigned_to: 'Ana R.' },
      base: { assigned_to: 'Tom S.' },
    });
    const later = dropEdit(maria, null, 90)!;
    expect(later).toEqual({
      changes: {
        assigned_to: null,
        pickup_date: zonedInstant(DAY, 14, 30, CHICAGO).toISOString(),
        pickup_window_end: zonedInstant(DAY, 18, 30, CHICAGO).toISOString(),
      },
      base: {
        assigned_to: 'Tom S.',
        pickup_date: maria.pickup_date,
        pickup_window_end: maria.pickup_window_end,
      },
    });
    // The Undo puts the old values back, checked against what the drop saved.
    expect(undoEdit(later)).toEqual({
      changes: later.base,
      base: later.changes,
      allow_past_pickup: true,
      undo: true,
    });
    // An unassigned job dropped on Unassigned, no time moved: nothing to save.
    expect(dropEdit(job('09:00', null, { assigned_to: '' }), null, 0)).toBeNull();
    expect(dropEdit(job('09:00', null), null, 15)?.changes).not.toHaveProperty('pickup_window_end');
  });
});
