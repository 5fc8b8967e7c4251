import type { JobSaved } from '../../shared/jobs/jobs-api';
import type { InboxApi, IngestResult, QuoteInput } from '../../shared/inbox/inbox-api';
import type { QdnEventSink } from '../events/event-hub';
import type { JobsRepository } from '../jobs/jobs-repository';
import type { JobsService } from '../jobs/jobs-service';
import type { ObjectStore } from '../storage/object-store';
import type { JobActor } from '../jobs/job-actor';
import { saveQuote } from './quote-save';
import { ingestInbox, listInbox } from './inbox-ingest';
import { acceptSubmission, dismissSubmission, listReview } from './inbox-review';

/** What the inbox works on: the data bucket, jobs.json, and the jobs' status documents. */
export interface InboxPorts {
  data: ObjectStore;
  repository: JobsRepository;
  jobs: Pick<JobsService, 'republish'>;
  config: { business: { time_zone: string } };
}

/**
 * The inbox calls over one workspace. Passes never overlap (the timer, a focus and the CLI may
 * all ask at once): a second caller waits for the running pass and then runs its own.
 * `actor` names who quotes (the console's user), as the jobs calls name who changes a job.
 */
export function createInboxApi(
  ws: InboxPorts,
  emit: QdnEventSink = () => {},
  clock: () => Date = () => new Date(),
  actor: () => JobActor = () => ({}),
): InboxApi {
  const repository = ws.repository;
  let running: Promise<unknown> = Promise.resolve();

  // Accepts and dismissals wait in the same line as passes: a pass never files a document an
  // accept is making a job of.
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = running.then(work, work);
    running = turn.catch(() => undefined);
    return turn;
  };
  const ingest = (): Promise<IngestResult> => inTurn(runPass);
  const reviewDeps = () => ({
    data: ws.data,
    repository,
    timeZone: ws.config.business.time_zone,
    now: clock,
  });

  async function runPass(): Promise<IngestResult> {
    const result = await ingestInbox({
      data: ws.data,
      repository,
      publish: (ids) => ws.jobs.republish(ids),
      timeZone: ws.config.business.time_zone,
      // The actor's rules carry which statuses text (messages.auto); none: a pass texts nothing.
      textRules: actor().rules ?? {},
      now: clock,
    });
    const news = result.created.length + result.confirmed.length + result.call_requested.length;
    const review = result.possible_spam.length + result.rejected.length;
    if (news > 0 || review > 0) emit('inboxIngested', result);
    return result;
  }

  return {
    listInbox: () => listInbox(ws.data),
    ingestInbox: ingest,
    listReview: () => listReview(ws.data),
    acceptSubmission: (id) => inTurn(() => acceptSubmission(reviewDeps(), id)),
    dismissSubmission: (id) => inTurn(() => dismissSubmission(ws.data, id)),
    quoteJob: (jobId: string, quote: QuoteInput): Promise<JobSaved> =>
      saveQuote(
        ws,
        jobId,
        quote,
        { ...actor(), rules: { timeZone: ws.config.business.time_zone } },
        clock(),
      ),
  };
}
