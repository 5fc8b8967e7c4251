import { z } from 'zod';
import { describeRecordError } from '../../shared/validation-message';
import type { ObjectStore } from '../storage/object-store';
import { PreconditionFailedError } from '../storage/object-store';
import { releaseSchema } from './releases';

/**
 * The deploy journal (`deploy-journal.json` in the data bucket): what prod holds, what an
 * operation is about to do to it, and what the edge may still serve stale. Every deploy command
 * reads it first, so an operation killed halfway is seen — and finished — by whoever comes next.
 * See docs/operations.md.
 */
export const JOURNAL_KEY = 'deploy-journal.json';

/** How many times a write re-reads and re-applies its change after losing a race. */
const MAX_ATTEMPTS = 8;

const owner = z.object({ host: z.string(), pid: z.number().int() });
export type JournalOwner = z.infer<typeof owner>;

const copySource = z.discriminatedUnion('store', [
  z.object({ store: z.literal('staging') }),
  z.object({ store: z.literal('version'), version_id: z.string() }),
  z.object({ store: z.literal('kept') }),
]);

const copy = z.object({
  key: z.string(),
  etag: z.string(),
  size: z.number().int().nonnegative(),
  from: copySource,
});
export type IntendedCopy = z.infer<typeof copy>;

const intent = z.object({
  run_id: z.string(),
  action: z.enum(['promote', 'rollback']),
  by: z.string(),
  owner,
  at: z.string(),
  /** What prod must hold once done, assets before pages. */
  copies: z.array(copy),
  /** Pages that leave prod: deleted before the invalidation, so the edge cannot re-cache them. */
  delete_pages: z.array(z.string()),
  /** Assets that leave prod: deleted only once nothing the edge may serve names them. */
  prune_assets: z.array(z.string()),
  /** The manifest recorded once prod holds it; its existence marks the copies done. */
  release: releaseSchema,
  invalidate: z.boolean(),
});
export type ProdIntent = z.infer<typeof intent>;

const invalidationReport = z.object({
  distributionId: z.string(),
  id: z.string(),
  status: z.enum(['InProgress', 'Completed']),
  paths: z.array(z.string()),
});

const invalidating = z.object({
  /** The caller reference on every distribution (with its id appended): a retry finds it. */
  ref: z.string(),
  /** The owed keys it clears, each with the `since` it was owed from. */
  keys: z.record(z.string(), z.string()),
  paths: z.array(z.string()),
  /** Not started before this release is recorded: the edge must refetch the new bytes. */
  after_release: z.string().nullable(),
  reports: z.array(invalidationReport),
});
export type PlannedInvalidation = z.infer<typeof invalidating>;

const journalSchema = z.object({
  schema: z.literal(1),
  /** Site files in prod (key → ETag) when this product last wrote or listed them. */
  prod: z.record(z.string(), z.string()),
  /** The release prod holds, inline, so no command needs to list releases/ to know it. */
  release: releaseSchema.nullable(),
  intent: intent.nullable(),
  /** A stage under way: staging is half-uploaded until it ends. */
  staging: z
    .object({ run_id: z.string(), build_id: z.string().nullable(), at: z.string() })
    .nullable(),
  /** Keys whose prod bytes changed since their last completed invalidation: key → since. */
  owed: z.record(z.string(), z.string()),
  invalidating: z.array(invalidating),
  /** Assets pruned from the release, deleted once nothing is owed. */
  prune_later: z.array(z.string()),
});
export type JournalState = z.infer<typeof journalSchema>;

export function emptyJournal(): JournalState {
  return {
    schema: 1,
    prod: {},
    release: null,
    intent: null,
    staging: null,
    owed: {},
    invalidating: [],
    prune_later: [],
  };
}

export interface JournalRead {
  state: JournalState;
  /** The ETag to write against; null when there is no journal yet. */
  etag: string | null;
  /** Set when the journal on file could not be read: it is set aside at the next write. */
  unreadable: string | null;
}

export class DeployJournal {
  constructor(private readonly data: ObjectStore) {}

  get location(): string {
    return `${this.data.location} ${JOURNAL_KEY}`;
  }

  async read(): Promise<JournalRead> {
    const object = await this.data.get(JOURNAL_KEY);
    if (!object) return { state: emptyJournal(), etag: null, unreadable: null };
    try {
      const state = journalSchema.parse(JSON.parse(object.body.toString('utf8')));
      return { state, etag: object.etag, unreadable: null };
    } catch (err) {
      const problem = describeRecordError(err);
      return {
        state: emptyJournal(),
        etag: object.etag,
        unreadable: `The deploy journal (${this.location}) is unreadable (${problem})`,
      };
    }
  }

  /**
   * Applies `change` (a function of the state, so it can be applied again) and writes it only
   * if the journal is still the one read; on a lost race it re-reads and re-applies, bounded.
   * An unreadable journal is copied aside first, never silently replaced.
   */
  async update(
    change: (state: JournalState) => JournalState,
    known?: JournalRead,
  ): Promise<JournalRead> {
    let read = known ?? (await this.read());
    for (let attempt = 1; ; attempt++) {
      if (read.unreadable !== null && read.etag !== null) {
        await this.data.copyFrom(
          this.data,
          JOURNAL_KEY,
          `deploy-journal.unreadable-${read.etag.replace(/"/g, '')}.json`,
        );
      }
      const next = change(structuredClone(read.state));
      try {
        const { etag } = await this.data.put(JOURNAL_KEY, `${JSON.stringify(next, null, 2)}\n`, {
          contentType: 'application/json',
          ...(read.etag === null ? { ifNoneMatch: '*' as const } : { ifMatch: read.etag }),
        });
        return { state: next, etag, unreadable: null };
      } catch (err) {
        if (!(err instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw err;
        read = await this.read();
      }
    }
  }
}
