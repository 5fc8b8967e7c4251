import { useEffect, useMemo, useState } from 'react';
import type { ReportGroup, ReportRange, ReportResult } from '../../../shared/jobs/jobs-api';
import { errorMessage } from '../../../shared/errors';
import { dayKeyOf } from '../../../shared/zoned-time';
import { qdn } from '../qdn';
import { useSettings } from '../settings/use-settings';
import { DailyChart } from './daily-chart';
import { periodRange, rangeLabel, REPORT_PERIODS } from './report-periods';
import type { ReportPeriod } from './report-periods';
import { chartCurrency, csvFileBody, csvFileName, dailySeries, revenueText } from './report-series';

/**
 * Jobs done and revenue over a week, a month or the dispatcher's own days, from the contract's
 * getReport (the numbers `qdn report` prints): totals, by crew and by service, a chart per day,
 * and the bookkeeper's CSV.
 */
export function ReportsView() {
  const { business } = useSettings();
  const zone = business.time_zone;
  const today = dayKeyOf(new Date(), zone);
  const [period, setPeriod] = useState<ReportPeriod>('this-week');
  const [custom, setCustom] = useState<ReportRange>(() => periodRange('this-week', today));
  const range = period === 'custom' ? custom : periodRange(period, today);
  const [answer, setAnswer] = useState<
    { range: ReportRange; result: ReportResult } | { range: ReportRange; error: string } | null
  >(null);

  const customBad = period === 'custom' && !(custom.from && custom.to && custom.from <= custom.to);
  // jobs.json changed elsewhere (the CLI, another dispatcher) while the sheet is open: asked again.
  const [changes, setChanges] = useState(0);
  useEffect(() => qdn.onEvent('jobsChanged', () => setChanges((n) => n + 1)), []);
  useEffect(() => {
    if (customBad) return;
    let live = true;
    const asked = { from: range.from, to: range.to };
    qdn.getReport(asked).then(
      (result) => live && setAnswer({ range: asked, result }),
      (err: unknown) => live && setAnswer({ range: asked, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
    // The range is asked for by its days, not by the object made anew each render.
  }, [range.from, range.to, customBad, changes]);

  const current =
    answer && answer.range.from === range.from && answer.range.to === range.to ? answer : null;
  const result = current && 'result' in current ? current.result : null;
  const [measure, setMeasure] = useState<'revenue' | 'jobs'>('revenue');
  const series = useMemo(
    () =>
      result
        ? dailySeries(
            result.rows,
            result.report.range,
            chartCurrency(result.report.revenue, business.currency),
          )
        : null,
    [result, business.currency],
  );

  return (
    <div className="reports">
      <div className="reports-controls">
        <div className="segmented" role="radiogroup" aria-label="Days">
          {REPORT_PERIODS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              aria-checked={period === p.id}
              onClick={() => {
                if (p.id === 'custom') setCustom(range);
                setPeriod(p.id);
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        {period === 'custom' && (
          <div className="reports-custom">
            <label>
              From{' '}
              <input
                type="date"
                value={custom.from}
                max={custom.to || undefined}
                onChange={(e) => setCustom({ ...custom, from: e.target.value })}
              />
            </label>
            <label>
              To{' '}
              <input
                type="date"
                value={custom.to}
                min={custom.from || undefined}
                onChange={(e) => setCustom({ ...custom, to: e.target.value })}
              />
            </label>
            {customBad && <span className="field-error">Pick a first day before the last.</span>}
          </div>
        )}
      </div>
      <p className="reports-range">
        {rangeLabel(range)} <span className="muted">· completed days in {zone}</span>
      </p>

      {current && 'error' in current && (
        <p className="reports-error" role="alert">
          Could not make the report: {current.error}
        </p>
      )}
      {!current && !customBad && <p className="muted">Adding up…</p>}
      {result && series && (
        <>
          <ReportTotals result={result} />
          <section className="reports-chart-section" aria-labelledby="reports-chart-title">
            <div className="reports-section-head">
              <h3 id="reports-chart-title">
                {measure === 'revenue'
                  ? `Revenue per day (${series.currency})`
                  : 'Jobs done per day'}
              </h3>
              <div className="segmented" role="radiogroup" aria-label="Chart">
                {(['revenue', 'jobs'] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    role="radio"
                    aria-checked={measure === m}
                    onClick={() => setMeasure(m)}
                  >
                    {m === 'revenue' ? 'Revenue' : 'Jobs'}
                  </button>
                ))}
              </div>
            </div>
            <DailyChart series={series} measure={measure} />
            {measure === 'revenue' && Object.keys(result.report.revenue).length > 1 && (
              <p className="muted">
                Jobs priced in another currency count in the totals, not in this chart.
              </p>
            )}
          </section>
          <div className="reports-tables">
            <GroupTable
              title="By crew"
              nameHead="Crew"
              empty="Unassigned"
              groups={result.report.by_crew}
            />
            <GroupTable
              title="By service"
              nameHead="Service"
              empty="No service given"
              groups={result.report.by_service}
            />
          </div>
          <ExportCsv key={csvFileName(result.report.range)} result={result} />
        </>
      )}
    </div>
  );
}

/** Jobs done and revenue for the range, large. */
export function ReportTotals({ result }: { result: ReportResult }) {
  return (
    <dl className="reports-totals">
      <div>
        <dt>Jobs done</dt>
        <dd data-testid="report-jobs-done">{result.report.jobs_done}</dd>
      </div>
      <div>
        <dt>Revenue</dt>
        <dd data-testid="report-revenue">{revenueText(result.report.revenue)}</dd>
      </div>
    </dl>
  );
}

/** A report's groups (by crew, by service) as a small table. */
export function GroupTable({
  title,
  nameHead,
  empty,
  groups,
}: {
  title: string;
  nameHead: string;
  /** What the group of jobs with no name is called. */
  empty: string;
  groups: readonly ReportGroup[];
}) {
  return (
    <section className="reports-group">
      <h3>{title}</h3>
      {groups.length === 0 ? (
        <p className="muted">No jobs done.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{nameHead}</th>
              <th scope="col" className="num">
                Jobs
              </th>
              <th scope="col" className="num">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.name ?? ''}>
                <th scope="row" className={g.name === null ? 'muted' : undefined}>
                  {g.name ?? empty}
                </th>
                <td className="num">{g.jobs_done}</td>
                <td className="num">{revenueText(g.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The bookkeeper's file, saved as a download: a Blob link works the same in the browser harness
 * and in Electron (which asks where to save it), while the shell's copyText takes at most
 * 10,000 characters (shared/api-args.ts) — a busy month is more.
 */
function ExportCsv({ result }: { result: ReportResult }) {
  const [copied, setCopied] = useState<string | null>(null);
  const body = csvFileBody(result.csv);
  const save = () => {
    const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(result.report.range);
    link.click();
    // After the click the download holds its own reference to the data.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const copy = () =>
    qdn.copyText(result.csv).then(
      () => setCopied('Copied.'),
      (err: unknown) => setCopied(errorMessage(err)),
    );
  const tooLong = result.csv.length > 10_000;
  return (
    <div className="reports-export">
      <button type="button" onClick={save} disabled={result.rows.length === 0}>
        Export CSV
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => void copy()}
        disabled={result.rows.length === 0 || tooLong}
        title={tooLong ? 'Too long to copy: export it instead.' : undefined}
      >
        Copy CSV
      </button>
      <span className="muted" role="status">
        {copied ??
          `${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}, one per job done`}
      </span>
    </div>
  );
}
