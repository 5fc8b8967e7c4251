import { useEffect, useMemo } from 'react';
import type { Job } from '../../../shared/job';
import { useSettingsStore } from '../settings/settings-store';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from './find-store';
import { filterJobs, prepareSearch } from './filter-jobs';
import { JobSearch } from './job-search';
import type { JobFilters } from './filter-jobs';
import { machineTimeZone } from '../../../shared/zoned-time';

/** The business's time zone (Settings), or the laptop's until Settings has been read. */
export function useBusinessTimeZone(): string {
  return useSettingsStore((s) => s.settings?.business.time_zone) ?? machineTimeZone();
}

export interface FoundJobs {
  /** Every job the search and filters let through (archived ones when asked for). */
  jobs: Job[];
  archivedIds: ReadonlySet<string>;
  /** How many jobs there are before the search and filters. */
  total: number;
}

const NO_IDS: ReadonlySet<string> = new Set();

/** The jobs the header's search and filters let through, recomputed only when one changes. */
export function useFoundJobs(): FoundJobs {
  const jobs = useBoardStore((s) => s.jobs);
  const query = useFindStore((s) => s.query);
  const date = useFindStore((s) => s.date);
  const status = useFindStore((s) => s.status);
  const assignee = useFindStore((s) => s.assignee);
  const includeArchived = useFindStore((s) => s.includeArchived);
  const archived = useFindStore((s) => s.archived);
  const timeZone = useBusinessTimeZone();
  return foundJobs(
    jobs,
    includeArchived ? archived : null,
    { query, date, status, assignee },
    timeZone,
  );
}

type FoundInputs = [readonly Job[], readonly Job[] | null, JobFilters, string];
let last: { inputs: FoundInputs; found: FoundJobs } | null = null;
/** The archive's own index: archived jobs never change, so it is built once, when searched. */
const archiveSearch = new JobSearch();

/**
 * One computation for every component that shows the found jobs (the header's count, the
 * board): the latest answer is kept and reused while its inputs are the same.
 */
function foundJobs(
  jobs: readonly Job[],
  archived: readonly Job[] | null,
  filters: JobFilters,
  timeZone: string,
): FoundJobs {
  const inputs: FoundInputs = [jobs, archived, filters, timeZone];
  if (last && sameInputs(last.inputs, inputs)) return last.found;
  // Live and archived jobs are searched apart, each in its own index, so that neither list's
  // index is rebuilt for the other's.
  const now = new Date();
  const live = filterJobs(jobs, filters, timeZone, now);
  const found: FoundJobs = {
    jobs: archived
      ? [...live, ...filterJobs(archived, filters, timeZone, now, archiveSearch)]
      : live,
    archivedIds: archived ? new Set(archived.map((j) => j.job_id)) : NO_IDS,
    total: jobs.length + (archived?.length ?? 0),
  };
  last = { inputs, found };
  return found;
}

function sameInputs([j1, a1, f1, z1]: FoundInputs, [j2, a2, f2, z2]: FoundInputs): boolean {
  return (
    j1 === j2 &&
    a1 === a2 &&
    z1 === z2 &&
    f1.query === f2.query &&
    f1.date === f2.date &&
    f1.status === f2.status &&
    f1.assignee === f2.assignee
  );
}

/** Everyone jobs can be assigned to: the crew from Settings, and any name already on a job. */
export function useAssigneeNames(): string[] {
  const crew = useSettingsStore((s) => s.settings?.crew);
  const jobs = useBoardStore((s) => s.jobs);
  return useMemo(() => {
    const names = new Set((crew ?? []).map((m) => m.name));
    for (const job of jobs) if (job.assigned_to) names.add(job.assigned_to);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [crew, jobs]);
}

/** Gets the search ready while the dispatcher looks, so the first keystroke is as quick as the rest. */
export function usePreparedSearch(): void {
  const jobs = useBoardStore((s) => s.jobs);
  useEffect(() => {
    // Indexing 5,000 jobs at once would hold the page for a few hundred ms on a slow laptop:
    // it goes in slices that leave the browser free between them.
    let idle = 0;
    const slice = (deadline: IdleDeadline) => {
      if (!prepareSearch(jobs, () => deadline.timeRemaining() < 1)) {
        idle = requestIdleCallback(slice);
      }
    };
    idle = requestIdleCallback(slice);
    return () => cancelIdleCallback(idle);
  }, [jobs]);
}
