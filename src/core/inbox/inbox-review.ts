import pLimit from 'p-limit';
import { QdnError } from '../../shared/errors';
import type { AcceptedReview, ReviewItem } from '../../shared/inbox/inbox-api';
import { isReviewId, REASON_SUFFIX } from '../../shared/inbox/review-id';
import { submissionSchema } from '../../shared/inbox/submission';
import type { RequestSubmission } from '../../shared/inbox/submission';
import type { JobsRepository } from '../jobs/jobs-repository';
import type { ObjectStore } from '../storage/object-store';
import { applySubmissions } from './inbox-changes';
import { HELD_PREFIX, INBOX_PREFIX, PROCESSED_PREFIX, REJECTED_PREFIX } from './inbox-ingest';
import { cannotAccept, readLoosely, reviewFields, salvageRequest } from './submission-salvage';
import { reviewRequestId } from './submission-salvage';

/** Where a dismissed review item is kept: out of the list, never deleted. */
export const DISMISSED_PREFIX = 'inbox/dismissed/';
const CONCURRENCY = 16;
const NO_REASON = 'No reason was recorded.';

export interface ReviewDeps {
  data: ObjectStore;
  repository: JobsRepository;
  timeZone: string;
  now?: () => Date;
}

/**
 * What waits for the dispatcher: possible spam (`inbox/held/`) and what ingest refused
 * (`inbox/rejected/`), each with its reason, oldest first. A reason file whose document is gone
 * (a pass or an accept cut short) is not an item.
 */
export async function listReview(data: ObjectStore): Promise<ReviewItem[]> {
  const [held, rejected] = await Promise.all([data.list(HELD_PREFIX), data.list(REJECTED_PREFIX)]);
  const all = [...held, ...rejected];
  const keys = new Set(all.map((m) => m.key));
  const documents = all.filter((m) => !m.key.endsWith(REASON_SUFFIX));
  const limit = pLimit(CONCURRENCY);
  const items = await Promise.all(
    documents.map((m) =>
      limit(async (): Promise<ReviewItem | null> => {
        const hasReason = keys.has(`${m.key}${REASON_SUFFIX}`);
        const [object, reason] = await Promise.all([
          data.get(m.key),
          hasReason ? data.get(`${m.key}${REASON_SUFFIX}`) : null,
        ]);
        if (!object) return null; // accepted or dismissed meanwhile
        const doc = readLoosely(object.body);
        const submittedAt = typeof doc?.submitted_at === 'string' ? doc.submitted_at : null;
        const kind = m.key.startsWith(HELD_PREFIX) ? 'possible_spam' : 'rejected';
        return {
          id: m.key.slice(INBOX_PREFIX.length),
          kind,
          reason: reason?.body.toString('utf8').trim() || NO_REASON,
          submitted_at: submittedAt && !Number.isNaN(Date.parse(submittedAt)) ? submittedAt : null,
          fields: reviewFields(doc),
          cannot_accept: kind === 'possible_spam' && heldRequest(doc) ? null : cannotAccept(doc),
        };
      }),
    ),
  );
  return items
    .filter((item): item is ReviewItem => item !== null)
    .sort(
      (a, b) =>
        (a.submitted_at ?? '').localeCompare(b.submitted_at ?? '') || a.id.localeCompare(b.id),
    );
}

/** A held document is a valid request (ingest checked it): it is accepted as it stands. */
function heldRequest(doc: Record<string, unknown> | null): RequestSubmission | null {
  const parsed = submissionSchema.safeParse(doc);
  return parsed.success && parsed.data.kind === 'request' ? parsed.data : null;
}

function checkedId(id: string): { key: string; name: string } {
  if (!isReviewId(id)) {
    throw new QdnError('bad_request', `"${id}" names no submission held for review.`);
  }
  return { key: `${INBOX_PREFIX}${id}`, name: id.slice(id.indexOf('/') + 1) };
}

/**
 * Makes a requested job of a review item, as if it had been valid (its history says the office
 * accepted it, and why it had been held), then files it in `inbox/processed/`. Each step is safe
 * to repeat: the job carries the submission's id, so an accept cut short and run again — or
 * run twice — makes one job.
 */
export async function acceptSubmission(deps: ReviewDeps, id: string): Promise<AcceptedReview> {
  const { key, name } = checkedId(id);
  const now = (deps.now ?? (() => new Date()))();
  const [object, reasonObject] = await Promise.all([
    deps.data.get(key),
    deps.data.get(`${key}${REASON_SUFFIX}`),
  ]);
  if (!object) return alreadyAccepted(deps, id, name);
  const doc = readLoosely(object.body);
  const reason = reasonObject?.body.toString('utf8').trim() || NO_REASON;
  const submission =
    (key.startsWith(HELD_PREFIX) ? heldRequest(doc) : null) ??
    salvageRequest(doc, name, now, deps.timeZone);
  if (!submission) {
    throw new QdnError(
      'bad_request',
      `${cannotAccept(doc) ?? 'It cannot be made a job.'} Dismiss it, or call the customer if you know who it is.`,
    );
  }
  const acceptedBy = `Accepted by the office from review. ${reason}`;
  const { result } = await deps.repository.update(
    applySubmissions([{ key, submission, accepted_by: acceptedBy }], deps.timeZone, now),
  );
  const applied = result[0];
  if (!applied || !('job' in applied)) {
    throw new QdnError('bad_request', applied && 'reason' in applied ? applied.reason : reason);
  }
  await deps.data.move(key, `${PROCESSED_PREFIX}${name}`);
  await deps.data.delete(`${key}${REASON_SUFFIX}`);
  return {
    id,
    job_id: applied.job.job_id,
    customer_name: applied.job.customer_name,
    already: applied.outcome === 'already',
  };
}

/** An accept run again after it filed the document: the job it made, found by request id. */
async function alreadyAccepted(
  deps: ReviewDeps,
  id: string,
  name: string,
): Promise<AcceptedReview> {
  const filed = await deps.data.get(`${PROCESSED_PREFIX}${name}`);
  const doc = filed ? readLoosely(filed.body) : null;
  const requestId = typeof doc?.id === 'string' ? doc.id : null;
  const ids = new Set([requestId, reviewRequestId(name)]);
  const job = filed
    ? (await deps.repository.list()).find(
        (j) => typeof j.request_id === 'string' && ids.has(j.request_id),
      )
    : undefined;
  if (!job) {
    throw new QdnError('not_found', `No submission "${id}" waits for review.`);
  }
  // An accept cut short after its move leaves the reason behind: finish it.
  await deps.data.delete(`${INBOX_PREFIX}${id}${REASON_SUFFIX}`);
  return { id, job_id: job.job_id, customer_name: job.customer_name, already: true };
}

/**
 * Takes a review item out of the list unanswered: moved, with its reason, to
 * `inbox/dismissed/held/` or `inbox/dismissed/rejected/` (kept, never deleted). Dismissing it again changes nothing.
 */
export async function dismissSubmission(data: ObjectStore, id: string): Promise<void> {
  const { key } = checkedId(id);
  const to = `${DISMISSED_PREFIX}${id}`;
  // The reason first: cut short between the two moves, the document is still listed (with no
  // reason) and dismissing it again finishes the move.
  await data.move(`${key}${REASON_SUFFIX}`, `${to}${REASON_SUFFIX}`);
  const moved = await data.move(key, to);
  if (!moved && !(await data.head(to))) {
    throw new QdnError('not_found', `No submission "${id}" waits for review.`);
  }
}
