import { useMemo } from 'react';
import type { Job } from '../../../shared/job';
import { useSettingsStore } from '../settings/settings-store';
import { useBoardStore } from '../stores/board-store';
import { useFindStore } from './find-store';
import { filterJobs } from './filter-jobs';
import { machineTimeZone } from './zoned-time';

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
  return useMemo(() => {
    const withArchived = includeArchived && archived ? [...jobs, ...archived] : jobs;
    const archivedIds =
      includeArchived && archived ? new Set(archived.map((j) => j.job_id)) : NO_IDS;
    return {
      jobs: filterJobs(withArchived, { query, date, status, assignee }, timeZone),
      archivedIds,
      total: withArchived.length,
    };
  }, [jobs, archived, includeArchived, query, date, status, assignee, timeZone]);
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
