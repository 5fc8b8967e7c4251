import type { ReportRange, ReportResult } from '../../shared/jobs/jobs-api';
import type { Job } from '../../shared/job';
import { completedRows, reportOfRows } from './jobs-report';
import { reportCsv } from './report-csv';

/** Where a report reads its jobs: the board's and the archive's (JobsService has both). */
export interface ReportSource {
  listJobs(): Promise<Job[]>;
  listArchivedJobs(): Promise<Job[]>;
}

/**
 * A report over a workspace's live and archived jobs — the one code path of `qdn report` and
 * the console's Reports view, so both give the same numbers. Archived jobs count: a month-old
 * report reads the same after `qdn job archive` as before it. The board's copy of a job comes
 * first, so a job both live and archived (an archive cut short) counts once, as it is now.
 */
export async function workspaceReport(
  source: ReportSource,
  range: ReportRange,
  timeZone: string,
): Promise<ReportResult> {
  const [live, archived] = await Promise.all([source.listJobs(), source.listArchivedJobs()]);
  const jobs = [...live, ...archived];
  const rows = completedRows(jobs, range, timeZone);
  return { report: reportOfRows(rows, range, timeZone), rows, csv: reportCsv(rows) };
}
