import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMoney } from '../../../shared/format';
import { dayTick, seriesSummary } from './report-series';
import type { DailySeries } from './report-series';

const HEIGHT = 220;

/**
 * Revenue (or jobs done) per day as bars, drawn by uPlot on a canvas. Its colours are read from
 * the page's own (styles.css's light-dark() variables), and it is drawn again when the theme or
 * its width changes; the canvas says nothing to a screen reader, so its summary is its label.
 */
export function DailyChart({
  series,
  measure,
}: {
  series: DailySeries;
  measure: 'revenue' | 'jobs';
}) {
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || !probe.current) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const ink = getComputedStyle(el).color;
      const accent = getComputedStyle(probe.current!).color;
      const grid = getComputedStyle(probe.current!).borderTopColor;
      const span = series.days.length;
      const values = measure === 'revenue' ? series.revenue : series.jobs;
      const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
      plot = new uPlot(
        {
          width: Math.max(el.clientWidth, 200),
          height: HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: false, y: false }, points: { show: false } },
          scales: {
            x: { time: false, range: [-0.5, span - 0.5] },
            y: { range: (_u, _min, max) => [0, Math.max(max, measure === 'jobs' ? 4 : 100) * 1.1] },
          },
          axes: [
            {
              ...axis,
              grid: { show: false },
              // A tick a day while each label has room (about 60 px), else every few days.
              splits: (u) => {
                const fit = Math.max(1, Math.floor((u.width - 80) / 60));
                const step = Math.ceil(span / fit);
                return series.days.map((_, i) => i).filter((i) => i % step === 0);
              },
              values: (_u, ticks) => ticks.map((i) => dayTick(series.days[i] ?? '', span)),
            },
            {
              ...axis,
              size: 70,
              values: (_u, ticks) =>
                ticks.map((v) =>
                  measure === 'revenue'
                    ? formatMoney(v, series.currency).replace(/\.00$/, '')
                    : String(v),
                ),
              ...(measure === 'jobs' ? { incrs: [1, 2, 5, 10, 20, 50, 100] } : {}),
            },
          ],
          series: [
            {},
            {
              label: measure === 'revenue' ? `Revenue (${series.currency})` : 'Jobs done',
              stroke: accent,
              fill: accent,
              paths: uPlot.paths.bars!({ size: [0.7, 48], gap: 2 }),
              points: { show: false },
            },
          ],
        },
        [series.days.map((_, i) => i), values],
        el,
      );
    };
    draw();
    const resize = new ResizeObserver(() => {
      if (plot && Math.abs(plot.width - el.clientWidth) > 2) {
        plot.setSize({ width: Math.max(el.clientWidth, 200), height: HEIGHT });
      }
    });
    resize.observe(el);
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      dark.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [series, measure]);

  return (
    <figure className="report-chart">
      <div ref={box} className="report-chart-plot" role="img" aria-label={seriesSummary(series)} />
      <span ref={probe} className="report-chart-ink" hidden />
    </figure>
  );
}
