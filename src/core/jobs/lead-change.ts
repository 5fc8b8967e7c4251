import type { Job, NewJobInput } from '../../shared/job';
import type { JobActor } from './job-actor';
import { addJob } from './job-changes';
import type { JobsAddition, JobsChange } from './job-changes';

/**
 * Adds a lead a dispatcher took on the phone: a Requested job, as the booking inbox makes one
 * (src/core/inbox/inbox-changes.ts), with no price until it is quoted (0 is "needs quote" there
 * too) and the customer's preferred pickup. Every check of a new job applies (addJob's), and
 * its id and token are minted once, so a lost race's re-run saves the same lead.
 */
export function addLead(
  input: Omit<NewJobInput, 'price'>,
  now: Date,
  by?: string,
  rules?: JobActor['rules'],
): JobsChange<Job> {
  const job = addJob({ ...input, price: 0 }, now, by, rules);
  const leads = new WeakMap<Job, Job>();
  const asLead = (scheduled: Job): Job => {
    let lead = leads.get(scheduled);
    if (!lead) {
      const [created] = scheduled.history ?? [];
      lead = {
        ...scheduled,
        status: 'requested',
        history: [{ ...created, status: 'requested', at: scheduled.created_at }],
      };
      leads.set(scheduled, lead);
    }
    return lead;
  };
  const made: JobsAddition<Job> = (idTaken) => {
    const { result } = job.appends!(idTaken);
    const lead = asLead(result);
    return { added: [lead], result: lead };
  };
  const change = (jobs: readonly Job[]) => {
    const { added, result } = made((id) => jobs.some((j) => j.job_id === id));
    return { jobs: [...jobs, ...added], result, changed: added };
  };
  return Object.assign(change, { appends: made });
}
