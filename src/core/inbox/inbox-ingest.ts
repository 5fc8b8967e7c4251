import pLimit from 'p-limit';
import type {
  InboxEntry,
  IngestedItem,
  IngestResult,
  RejectedItem,
} from '../../shared/inbox/inbox-api';
import { REASON_SUFFIX } from '../../shared/inbox/review-id';
import { SUBMISSION_KEY_PREFIX } from '../../shared/inbox/booking-document';
import { submissionSchema } from '../../shared/inbox/submission';
import { errorMessage } from '../../shared/errors';
import { describeIssues } from '../../shared/validation-message';
import type { JobsRepository } from '../jobs/jobs-repository';
import type { MoveOptions, ObjectMeta, ObjectStore } from '../storage/object-store';
import { applySubmissions } from './inbox-changes';
import type { JobRules } from '../jobs/job-field-checks';
import type { Accepted, Applied } from './inbox-changes';

export const INBOX_PREFIX = 'inbox/';
export const PROCESSED_PREFIX = 'inbox/processed/';
export const REJECTED_PREFIX = 'inbox/rejected/';
/** Possible spam: valid requests the page flagged, waiting for the dispatcher's accept. */
export const HELD_PREFIX = 'inbox/held/';
/** Far below the S3 client's sockets and the folder store's open files. */
const CONCURRENCY = 16;
/**
 * Filing a document is a move, waiting on the store longer than a read (a folder store takes
 * the cross-process locks of both keys; S3 copies, then deletes): more in flight pay off.
 */
const FILING_CONCURRENCY = 32;

export interface InboxDeps {
  /** The data bucket (the sandbox's data folder). */
  data: ObjectStore;
  repository: JobsRepository;
  /** Publishes these jobs' status documents (JobsService.republish). */
  publish: (jobIds: string[]) => Promise<void>;
  /** The business's zone: a preferred "morning" is the morning there. */
  timeZone: string;
  /** What a confirmation's status change owes the customer (src/core/jobs/text-intents.ts). */
  textRules?: JobRules;
  now?: () => Date;
}

/**
 * Submissions waiting: everything under `inbox/new/`, where phones upload, and — from policies
 * minted before uploads moved there, valid for up to six days — direct children of `inbox/`.
 * Never what the console filed (`inbox/processed/`, `inbox/rejected/`).
 */
export async function listInbox(data: ObjectStore): Promise<InboxEntry[]> {
  return waitingIn(await data.list(INBOX_PREFIX));
}

function waitingIn(all: readonly ObjectMeta[]): InboxEntry[] {
  return all
    .filter((m) => m.key.startsWith(SUBMISSION_KEY_PREFIX) || !nameOf(m.key).includes('/'))
    .map((m) => ({ key: m.key, size: m.size }));
}

/**
 * What no pass can file, left where it is and named in the pass's warning, never a reason for
 * the pass to fail: a name with a folder in it (`inbox/new/X/a.json`; the booking page never
 * sends one), or a name whose place in a filing folder is taken by a folder (left by an older
 * pass that filed such a name) — in a folder store either stops a move, every pass.
 */
function sortOutOdd(
  entries: InboxEntry[],
  all: readonly ObjectMeta[],
): { entries: InboxEntry[]; odd: string[] } {
  const folders = new Set<string>();
  for (const { key } of all) {
    for (let i = key.indexOf('/'); i > 0; i = key.indexOf('/', i + 1)) folders.add(key.slice(0, i));
  }
  const places = (name: string) =>
    [PROCESSED_PREFIX, REJECTED_PREFIX, HELD_PREFIX].flatMap((p) => [
      `${p}${name}`,
      `${p}${name}${REASON_SUFFIX}`,
    ]);
  const odd: string[] = [];
  const fine = entries.filter(({ key }) => {
    const name = nameOf(key);
    const bad = name.includes('/')
      ? 'its name holds a folder'
      : places(name).some((place) => folders.has(place))
        ? 'a folder stands where it would be filed'
        : null;
    if (bad) odd.push(`${key} (${bad})`);
    return !bad;
  });
  return { entries: fine, odd };
}

function oddWarning(odd: string[]): string | null {
  if (odd.length === 0) return null;
  const named = odd.slice(0, 5).join(', ');
  const more = odd.length > 5 ? ` and ${odd.length - 5} more` : '';
  return `Left in the inbox, as no submission can be filed so: ${named}${more}. Move or delete ${odd.length === 1 ? 'it' : 'them'} by hand.`;
}

/** A waiting submission's name, as it is filed: `inbox/new/a.json` and `inbox/a.json` → `a.json`. */
function nameOf(key: string): string {
  const prefix = key.startsWith(SUBMISSION_KEY_PREFIX) ? SUBMISSION_KEY_PREFIX : INBOX_PREFIX;
  return key.slice(prefix.length);
}

/**
 * One pass over the inbox: check each submission, apply the good ones to jobs.json in one
 * write, publish their pages, and only then move each to `inbox/processed/` (bad ones to
 * `inbox/rejected/` with the reason beside them). Each step is safe to repeat, so a crash
 * between any two loses nothing and duplicates nothing: the next pass finishes the job.
 */
export async function ingestInbox(deps: InboxDeps): Promise<IngestResult> {
  const now = (deps.now ?? (() => new Date()))();
  const limit = pLimit(CONCURRENCY);
  const all = await deps.data.list(INBOX_PREFIX);
  const { entries, odd } = sortOutOdd(waitingIn(all), all);
  const read = await Promise.all(
    entries.map((entry) =>
      limit(async () => {
        const object = await deps.data.get(entry.key);
        return { key: entry.key, body: object?.body ?? null };
      }),
    ),
  );
  const accepted: Accepted[] = [];
  const rejected: RejectedItem[] = [];
  const held: RejectedItem[] = [];
  for (const { key, body } of read) {
    if (!body) continue; // moved by another pass meanwhile
    const checked = check(body);
    if (typeof checked === 'string') rejected.push({ key, reason: checked });
    else accepted.push({ key, submission: checked } as Accepted);
  }

  let applied: Applied[] = [];
  if (accepted.length > 0) {
    applied = (
      await deps.repository.update(applySubmissions(accepted, deps.timeZone, now, deps.textRules))
    ).result;
  }
  for (const a of applied) {
    if (a.outcome === 'rejected') rejected.push({ key: a.key, reason: a.reason });
    else if (a.outcome === 'held') held.push({ key: a.key, reason: a.reason });
  }
  const done = applied.filter(isDone);

  // Every job this pass touched, including ones an interrupted pass already saved: a page that
  // did not follow then catches up (identical documents cost a HEAD each).
  let warning = oddWarning(odd);
  // A new request has no public page yet (its quote link goes out once it is quoted, and
  // quoting publishes it), so only confirmations and answered quotes are published here.
  const touched = [
    ...new Set(
      done
        .filter((a) => a.job.status !== 'requested' || typeof a.job.quoted_at === 'string')
        .map((a) => a.job.job_id),
    ),
  ];
  if (touched.length > 0) {
    try {
      await deps.publish(touched);
    } catch (err) {
      const pages =
        `Saved, but the tracking or quote pages could not be updated (${errorMessage(err)}). ` +
        'They catch up on the next pass.';
      warning = warning ? `${pages} ${warning}` : pages;
    }
  }

  const file = pLimit(FILING_CONCURRENCY);
  await Promise.all([
    // A filed submission keeps the type it was uploaded with (a folder store then records no
    // header for it: one override per document would grow a file every write reads).
    ...done.map((a) => file(() => fileAway(deps.data, a.key, PROCESSED_PREFIX))),
    ...rejected.map((r) => file(() => fileForReview(deps.data, r, REJECTED_PREFIX))),
    ...held.map((r) => file(() => fileForReview(deps.data, r, HELD_PREFIX))),
  ]);

  const of = (outcome: Done['outcome']): IngestedItem[] =>
    done
      .filter((a) => a.outcome === outcome)
      .map((a) => ({ key: a.key, job_id: a.job.job_id, customer_name: a.job.customer_name }));
  return {
    created: of('created'),
    confirmed: of('confirmed'),
    call_requested: of('call_requested'),
    possible_spam: held,
    rejected,
    warning,
  };
}

type Done = Exclude<Applied, { outcome: 'rejected' | 'held' }>;
const isDone = (a: Applied): a is Done => a.outcome !== 'rejected' && a.outcome !== 'held';

const OPAQUE_TYPE = 'application/octet-stream';

/**
 * Files a submission no job was made of where the dispatcher reviews it: its reason first, then
 * the document (interrupted between, the document still waits and the next pass redoes both;
 * a reason without its document is never listed).
 */
async function fileForReview(data: ObjectStore, item: RejectedItem, prefix: string): Promise<void> {
  await data.put(`${prefix}${nameOf(item.key)}${REASON_SUFFIX}`, `${item.reason}\n`, {
    contentType: 'text/plain; charset=utf-8',
  });
  // Stored as an opaque file: a submission under review must never be served as a page.
  await fileAway(data, item.key, prefix, { contentType: OPAQUE_TYPE });
}

/**
 * A move (a rename in a folder; a copy, then a delete, on S3): interrupted, it leaves the
 * original for the next pass to file again, never neither. Gone already: another pass filed it.
 */
async function fileAway(
  data: ObjectStore,
  key: string,
  prefix: string,
  options?: MoveOptions,
): Promise<void> {
  await data.move(key, `${prefix}${nameOf(key)}`, options);
}

/** The submission, or why it is rejected. */
function check(body: Buffer): ReturnType<typeof submissionSchema.parse> | string {
  if (body.length > 16 * 1024) return 'It is larger than a submission can be.';
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'It is not JSON.';
  }
  const parsed = submissionSchema.safeParse(value);
  return parsed.success
    ? parsed.data
    : `It is not a valid submission: ${describeIssues(parsed.error)}`;
}
