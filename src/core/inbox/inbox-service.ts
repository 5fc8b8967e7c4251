import type { JobSaved } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import type { InboxApi, IngestResult, QuoteInput } from '../../shared/inbox/inbox-api';
import type { QdnEventSink } from '../console/event-hub';
import type { Workspace } from '../workspace/open-workspace';
import { quoteJob } from './inbox-changes';
import { ingestInbox, listInbox } from './inbox-ingest';

/**
 * The inbox calls over one workspace. Passes never overlap (the timer, a focus and the CLI may
 * all ask at once): a second caller waits for the running pass and then runs its own.
 */
export function createInboxApi(
  ws: Workspace,
  emit: QdnEventSink = () => {},
  clock: () => Date = () => new Date(),
): InboxApi {
  const repository = ws.repository;
  let running: Promise<unknown> = Promise.resolve();

  const ingest = (): Promise<IngestResult> => {
    const pass = running.then(
      () => runPass(),
      () => runPass(),
    );
    running = pass.catch(() => undefined);
    return pass;
  };

  async function runPass(): Promise<IngestResult> {
    const result = await ingestInbox({
      data: ws.data,
      repository,
      publish: (ids) => ws.jobs.republish(ids),
      timeZone: ws.config.business.time_zone,
      now: clock,
    });
    const news = result.created.length + result.confirmed.length + result.call_requested.length;
    if (news > 0 || result.rejected.length > 0) emit('inboxIngested', result);
    return result;
  }

  return {
    listInbox: () => listInbox(ws.data),
    ingestInbox: ingest,
    async quoteJob(jobId: string, quote: QuoteInput): Promise<JobSaved> {
      const outcome = await repository.update(quoteJob(jobId, quote, clock()));
      try {
        await ws.jobs.republish([jobId]);
      } catch (err) {
        return {
          job: outcome.result,
          warning: `Saved, but the quote page could not be updated (${errorMessage(err)}).`,
        };
      }
      return { job: outcome.result, warning: null };
    },
  };
}
