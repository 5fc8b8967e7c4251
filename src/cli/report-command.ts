import { parseArgs } from 'node:util';
import { reportRange } from '../core/reports/jobs-report';
import { workspaceReport } from '../core/reports/workspace-report';
import { dayKeyOf } from '../shared/zoned-time';
import type { DayKey } from '../shared/zoned-time';
import { UsageError } from './cli-error';
import type { CommandContext, Print, WorkspaceCommand } from './workspace-command';

const USAGE = 'usage: qdn report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]';

/**
 * `qdn report`: jobs done and revenue over days in the business's zone, as JSON totals or, with
 * --csv, one row per completed job for the bookkeeper, archived jobs included
 * (core/reports/workspace-report.ts).
 */
export function parseReportCommand(
  args: string[],
  print: Print,
  { timeZone }: CommandContext,
): WorkspaceCommand {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, csv: { type: 'boolean' } },
  });
  const from = values.from === undefined ? undefined : dayFlag('from', values.from);
  const to = values.to === undefined ? undefined : dayFlag('to', values.to);
  const range = reportRange(dayKeyOf(new Date(), timeZone), {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  if (range.from > range.to) {
    throw new UsageError(`--from ${range.from} is after --to ${range.to}`);
  }
  return async (ws) => {
    // The console's getReport (core-api.ts) takes this same path.
    const { report, csv } = await workspaceReport(ws.jobs, range, ws.config.business.time_zone);
    if (values.csv) process.stdout.write(csv);
    else print(report);
  };
}

/** A day as YYYY-MM-DD, and a real one (no 2026-02-30). */
function dayFlag(flag: string, text: string): DayKey {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const [y, m, d] = (match?.slice(1) ?? []).map(Number) as [number, number, number];
  const date = match ? new Date(Date.UTC(y, m - 1, d)) : null;
  if (!date || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new UsageError(`--${flag} needs a day like 2026-12-08, got "${text}"; ${USAGE}`);
  }
  return text.trim();
}
