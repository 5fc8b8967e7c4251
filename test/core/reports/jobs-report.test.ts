import { describe, expect, it } from 'vitest';
import { completedRows, jobsReport, reportRange } from '../../../src/core/reports/jobs-report';
import { reportCsv } from '../../../src/core/reports/report-csv';
import type { Job } from '../../../src/shared/job';
import type { JobStatus } from '../../../src/shared/status-flow';

// Issue 17, Reports: jobs done and revenue over days in the business's zone, counted on the day
// each job was completed (its history says when), archived jobs included, currencies apart.

const CHICAGO = 'America/Chicago';
let ids = 0;

/** A job completed at `doneAt` (its last status entry), priced and assigned as given. */
function done(doneAt: string, fields: Partial<Job> = {}, history?: [JobStatus, string][]): Job {
  const id = (++ids).toString(16).padStart(16, '0');
  const steps = history ?? [
    ['scheduled', '2026-11-20T15:00:00Z'],
    ['completed', doneAt],
  ];
  return {
    job_id: id,
    customer_name: `Customer ${ids}`,
    address: '1 Elm St',
    status: steps.at(-1)![0],
    pickup_date: '2026-12-01T15:00:00Z',
    price: 100,
    currency: 'USD',
    tracking_token: `${id}${'t'.repeat(32)}`,
    created_at: '2026-11-20T15:00:00Z',
    history: steps.map(([status, at]) => ({ status, at })),
    ...fields,
  };
}

describe('which jobs a report counts', () => {
  it('counts a job on the day it was completed in the business zone, at the day’s edges', () => {
    // 23:59 on Dec 7 in Chicago (UTC−6), and midnight starting Dec 8.
    const lateOn7th = done('2026-12-08T05:59:00Z');
    const midnight8th = done('2026-12-08T06:00:00Z');
    const lastMinute8th = done('2026-12-09T05:59:59Z');
    const jobs = [lateOn7th, midnight8th, lastMinute8th];
    const day8 = completedRows(jobs, { from: '2026-12-08', to: '2026-12-08' }, CHICAGO);
    expect(day8.map((r) => r.job_id)).toEqual([midnight8th.job_id, lastMinute8th.job_id]);
    expect(day8.map((r) => r.date)).toEqual(['2026-12-08', '2026-12-08']);
    // The same instants in Berlin (UTC+1) fall on Dec 8, Dec 8 and Dec 9.
    const berlin = completedRows(jobs, { from: '2026-12-08', to: '2026-12-08' }, 'Europe/Berlin');
    expect(berlin.map((r) => r.job_id)).toEqual([lateOn7th.job_id, midnight8th.job_id]);
  });

  it('counts by completion, not pickup; only jobs completed now; the last completion', () => {
    const pickedUpEarlier = done('2026-12-08T18:00:00Z', { pickup_date: '2026-11-30T15:00:00Z' });
    const reopened = done('2026-12-08T18:00:00Z', {}, [
      ['on_site', '2026-12-08T17:00:00Z'],
      ['completed', '2026-12-08T18:00:00Z'],
      ['on_site', '2026-12-08T18:05:00Z'],
    ]);
    const redone = done('', {}, [
      ['completed', '2026-12-01T18:00:00Z'],
      ['on_site', '2026-12-01T18:05:00Z'],
      ['completed', '2026-12-08T19:00:00Z'],
    ]);
    const canceled = done('', {}, [['canceled', '2026-12-08T18:00:00Z']]);
    const rows = completedRows(
      [pickedUpEarlier, reopened, redone, canceled],
      { from: '2026-12-08', to: '2026-12-08' },
      CHICAGO,
    );
    expect(rows.map((r) => r.job_id)).toEqual([pickedUpEarlier.job_id, redone.job_id]);
    expect(completedRows([redone], { from: '2026-12-01', to: '2026-12-01' }, CHICAGO)).toEqual([]);
  });

  it('counts archived jobs, and a job both on the board and archived once', () => {
    const board = done('2026-11-02T18:00:00Z', { price: 250 });
    const archived = done('2026-11-03T18:00:00Z', { price: 300 });
    const stale = { ...board, price: 1 }; // the archive's copy of an archive cut short
    const report = jobsReport(
      [board, archived, stale],
      { from: '2026-11-01', to: '2026-11-30' },
      CHICAGO,
    );
    expect(report.jobs_done).toBe(2);
    expect(report.revenue).toEqual({ USD: 550 });
  });
});

describe('jobsReport', () => {
  it('adds money in cents, and never across currencies', () => {
    const range = { from: '2026-12-01', to: '2026-12-07' };
    const report = jobsReport(
      [
        done('2026-12-02T18:00:00Z', {
          price: 0.1,
          assigned_to: 'Tom S.',
          service: 'Hot tub removal',
        }),
        done('2026-12-03T18:00:00Z', {
          price: 0.2,
          assigned_to: 'Tom S.',
          service: 'Hot tub removal',
        }),
        done('2026-12-03T19:00:00Z', { price: 89.99, currency: 'CAD', assigned_to: 'Ana' }),
        done('2026-12-04T19:00:00Z', { price: 350, service: '20yd dumpster drop' }),
        done('2026-12-05T19:00:00Z', { price: 10.01, assigned_to: 'Ana', service: ' ' }),
      ],
      range,
      CHICAGO,
    );
    expect(report).toEqual({
      range: { ...range, time_zone: CHICAGO },
      jobs_done: 5,
      revenue: { CAD: 89.99, USD: 360.31 },
      by_crew: [
        { name: 'Ana', jobs_done: 2, revenue: { CAD: 89.99, USD: 10.01 } },
        { name: 'Tom S.', jobs_done: 2, revenue: { USD: 0.3 } },
        { name: null, jobs_done: 1, revenue: { USD: 350 } },
      ],
      by_service: [
        { name: 'Hot tub removal', jobs_done: 2, revenue: { USD: 0.3 } },
        { name: '20yd dumpster drop', jobs_done: 1, revenue: { USD: 350 } },
        { name: null, jobs_done: 2, revenue: { CAD: 89.99, USD: 10.01 } },
      ],
    });
  });

  it('an empty range is zero jobs, no revenue', () => {
    expect(jobsReport([], { from: '2026-12-01', to: '2026-12-07' }, CHICAGO)).toMatchObject({
      jobs_done: 0,
      revenue: {},
      by_crew: [],
      by_service: [],
    });
  });
});

describe('reportRange', () => {
  it('is the last 7 days, today included, by default; one end given, the other follows', () => {
    expect(reportRange('2026-12-08')).toEqual({ from: '2026-12-02', to: '2026-12-08' });
    expect(reportRange('2026-12-08', { from: '2026-11-01' })).toEqual({
      from: '2026-11-01',
      to: '2026-12-08',
    });
    expect(reportRange('2026-12-08', { to: '2026-11-30' })).toEqual({
      from: '2026-11-24',
      to: '2026-11-30',
    });
    // Calendar days, across a DST change and a month's end.
    expect(reportRange('2027-03-16')).toEqual({ from: '2027-03-10', to: '2027-03-16' });
  });
});

describe('reportCsv', () => {
  it('has a header row and quotes as RFC 4180 says', () => {
    const rows = completedRows(
      [
        done('2026-12-02T18:00:00Z', {
          customer_name: 'Gonzalez, Maria "Mari"',
          service: 'Fridge\nand stove',
          assigned_to: 'Tom S.',
          price: 350,
        }),
        done('2026-12-03T18:00:00Z', { customer_name: 'Ito', price: 12000, currency: 'JPY' }),
      ],
      { from: '2026-12-01', to: '2026-12-07' },
      CHICAGO,
    );
    expect(reportCsv(rows)).toBe(
      'date,customer,service,crew,price,currency\r\n' +
        '2026-12-02,"Gonzalez, Maria ""Mari""","Fridge\nand stove",Tom S.,350.00,USD\r\n' +
        '2026-12-03,Ito,,,12000,JPY\r\n',
    );
  });

  it('keeps a name that looks like a formula from running as one in a spreadsheet', () => {
    const rows = completedRows(
      [
        done('2026-12-02T18:00:00Z', {
          customer_name: '=HYPERLINK("http://x","y")',
          service: '@SUM(A1)',
          price: 89.5,
        }),
      ],
      { from: '2026-12-01', to: '2026-12-07' },
      CHICAGO,
    );
    expect(reportCsv(rows).split('\r\n')[1]).toBe(
      `2026-12-02,"'=HYPERLINK(""http://x"",""y"")",'@SUM(A1),,89.50,USD`,
    );
  });
});
