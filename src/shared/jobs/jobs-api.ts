import type { Job } from '../job';

/**
 * A job change that was saved. `warning` says what did not follow — e.g. its tracking page
 * could not be updated — without hiding that the change itself is safe in jobs.json.
 */
export interface JobSaved {
  job: Job;
  warning: string | null;
}
