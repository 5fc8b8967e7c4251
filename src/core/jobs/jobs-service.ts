import type { Job, NewJobInput } from '../../shared/job';
import type { JobStatus } from '../../shared/status-flow';
import type { StatusPublisher } from '../publishing/status-publisher';
import { QdnError } from '../../shared/errors';
import { addJob, changeStatus } from './job-changes';
import type { JobsChange } from './job-changes';
import type { JobsRepository } from './jobs-repository';

/** The job operations the console and the CLI offer: save first, then publish. */
export class JobsService {
  constructor(
    private readonly repository: JobsRepository,
    private readonly publisher: StatusPublisher,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(): Promise<Job[]> {
    return this.repository.list();
  }

  create(input: NewJobInput): Promise<Job> {
    return this.apply(addJob(input, this.clock()));
  }

  setStatus(jobId: string, status: JobStatus): Promise<Job> {
    return this.apply(changeStatus(jobId, status, this.clock()));
  }

  /** Brings every public status document in line with jobs.json (e.g. at start-up). */
  async republishAll(): Promise<void> {
    await this.publisher.publish(await this.repository.list());
  }

  private async apply(change: JobsChange<Job>): Promise<Job> {
    const outcome = await this.repository.update(change);
    try {
      await this.publisher.publish(outcome.changed);
    } catch (err) {
      throw new QdnError(
        'storage_unavailable',
        `The job was saved, but its tracking page could not be updated (${(err as Error).message}). ` +
          'It is brought up to date the next time the job changes or the console or `qdn sandbox` starts.',
      );
    }
    return outcome.result;
  }
}
