import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CompletedRow, ReportResult } from '../../src/shared/jobs/jobs-api';
import { periodRange, rangeLabel } from '../../src/renderer/src/reports/report-periods';
import {
  chartCurrency,
  csvFileBody,
  dailySeries,
  revenueText,
  seriesSummary,
} from '../../src/renderer/src/reports/report-series';
import { GroupTable, ReportTotals } from '../../src/renderer/src/reports/reports-view';

// Issue 17, Reports, in the console: the view's pure parts — which days "this week" or "last
// month" are, the chart's numbers per day, money kept apart by currency, and the tables.

describe('the periods a report offers', () => {
  it('runs weeks Monday to Sunday, from any day of the week', () => {
    // Tuesday, December 8, 2026; Monday the 7th; Sunday the 13th.
    expect(periodRange('this-week', '2026-12-08')).toEqual({
      from: '2026-12-07',
      to: '2026-12-13',
    });
    expect(periodRange('this-week', '2026-12-07')).toEqual({
      from: '2026-12-07',
      to: '2026-12-13',
    });
    expect(periodRange('this-week', '2026-12-13')).toEqual({
      from: '2026-12-07',
      to: '2026-12-13',
    });
    expect(periodRange('last-week', '2026-12-08')).toEqual({
      from: '2026-11-30',
      to: '2026-12-06',
    });
  });

  it('takes whole months, across a year and a leap February', () => {
    expect(periodRange('this-month', '2026-12-31')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(periodRange('last-month', '2027-01-01')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(periodRange('last-month', '2028-03-31')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(periodRange('this-month', '2027-02-10')).toEqual({
      from: '2027-02-01',
      to: '2027-02-28',
    });
  });

  it('says the range in words, with the year once', () => {
    expect(rangeLabel({ from: '2026-12-07', to: '2026-12-13' })).toBe(
      'Mon, Dec 7 – Sun, Dec 13, 2026',
    );
    expect(rangeLabel({ from: '2026-12-28', to: '2027-01-03' })).toBe(
      'Mon, Dec 28, 2026 – Sun, Jan 3, 2027',
    );
  });
});

const row = (date: string, price: number, currency = 'USD'): CompletedRow => ({
  date,
  completed_at: `${date}T18:00:00.000Z`,
  job_id: 'a'.repeat(16),
  customer: 'Maria',
  service: null,
  crew: null,
  price,
  currency,
});

describe("the chart's numbers", () => {
  it('has every day of the range, zeros included, and adds one currency in cents', () => {
    const rows = [row('2026-12-08', 0.1), row('2026-12-08', 0.2), row('2026-12-10', 89.99, 'CAD')];
    const series = dailySeries(rows, { from: '2026-12-07', to: '2026-12-13' }, 'USD');
    expect(series.days).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
    expect(series.jobs).toEqual([0, 2, 0, 1, 0, 0, 0]);
    // 0.1 + 0.2 in floats is 0.30000000000000004; the CAD job is not added to dollars.
    expect(series.revenue).toEqual([0, 0.3, 0, 0, 0, 0, 0]);
    expect(seriesSummary(series)).toBe(
      'Revenue in USD per day over 7 days; the most on Tuesday, Dec 8: $0.30, 2 jobs.',
    );
  });

  it('draws the business’s currency, or the report’s first when it has none of it', () => {
    expect(chartCurrency({ CAD: 10, USD: 5 }, 'USD')).toBe('USD');
    expect(chartCurrency({ CAD: 10 }, 'USD')).toBe('CAD');
    expect(chartCurrency({}, 'USD')).toBe('USD');
  });
});

describe('totals and tables', () => {
  const result: ReportResult = {
    report: {
      range: { from: '2026-12-07', to: '2026-12-13', time_zone: 'America/Chicago' },
      jobs_done: 3,
      revenue: { CAD: 89.99, USD: 1350 },
      by_crew: [
        { name: 'Ana', jobs_done: 2, revenue: { CAD: 89.99, USD: 1000 } },
        { name: null, jobs_done: 1, revenue: { USD: 350 } },
      ],
      by_service: [],
    },
    rows: [],
    csv: '',
  };

  it('keeps currencies apart, and says so when there is none', () => {
    expect(revenueText(result.report.revenue)).toBe('CA$89.99 + $1,350.00');
    expect(revenueText({})).toBe('—');
    const html = renderToStaticMarkup(createElement(ReportTotals, { result }));
    expect(html).toContain('<dd data-testid="report-jobs-done">3</dd>');
    expect(html).toContain('<dd data-testid="report-revenue">CA$89.99 + $1,350.00</dd>');
  });

  it('names a group of jobs with no crew, and a table with no rows says so', () => {
    const byCrew = renderToStaticMarkup(
      createElement(GroupTable, {
        title: 'By crew',
        nameHead: 'Crew',
        empty: 'Unassigned',
        groups: result.report.by_crew,
      }),
    );
    expect(byCrew).toContain(
      '<tr><th scope="row">Ana</th><td class="num">2</td><td class="num">CA$89.99 + $1,000.00</td></tr>',
    );
    expect(byCrew).toContain('<th scope="row" class="muted">Unassigned</th><td class="num">1</td>');
    const none = renderToStaticMarkup(
      createElement(GroupTable, {
        title: 'By service',
        nameHead: 'Service',
        empty: '-',
        groups: [],
      }),
    );
    expect(none).toContain('No jobs done.');
    expect(none).not.toContain('<table');
  });

  it('starts the downloaded CSV with a byte-order mark, for Excel', () => {
    expect(csvFileBody('date\r\n')).toBe('\uFEFFdate\r\n');
  });
});
