import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { QdnError } from '../../shared/errors';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import type { OptOuts } from './messages-ports';

/** The numbers that opted out, in the data store beside jobs.json. */
export const OPT_OUTS_KEY = 'messages/opt-outs.json';

const optOutSchema = z.object({
  /** E.164. */
  number: z.string().regex(/^\+[1-9]\d{1,14}$/),
  /** When the keyword arrived, and which it was. */
  at: z.iso.datetime({ offset: true }),
  keyword: z.string().max(30),
});
export type OptOut = z.infer<typeof optOutSchema>;

const optOutsFileSchema = z.object({
  schema: z.literal(1),
  numbers: z.array(optOutSchema),
});

const MAX_ATTEMPTS = 6;

/**
 * messages/opt-outs.json: who texted STOP and not START since. Written as jobs.json is
 * (src/core/jobs/jobs-repository.ts): read → change → put with IfMatch (IfNoneMatch when
 * creating), and a lost race re-reads and re-applies the change. A file that does not parse is
 * never overwritten: texting someone who said STOP is worse than a refusal to save.
 */
export class OptOutList implements OptOuts {
  constructor(private readonly store: ObjectStore) {}

  async has(e164: string): Promise<boolean> {
    return (await this.read()).numbers.some((entry) => entry.number === e164);
  }

  /** Every opted-out number, sorted. */
  async list(): Promise<OptOut[]> {
    return (await this.read()).numbers;
  }

  /** Marks `e164` opted out; false when it already was (the first keyword's time is kept). */
  async add(e164: string, at: string, keyword = 'STOP'): Promise<boolean> {
    const entry = optOutSchema.parse({ number: e164, at, keyword });
    return this.update((numbers) =>
      numbers.some((n) => n.number === e164) ? null : [...numbers, entry],
    );
  }

  /** Lets automatic texts go to `e164` again; false when it was not opted out. */
  remove(e164: string): Promise<boolean> {
    return this.update((numbers) =>
      numbers.some((n) => n.number === e164) ? numbers.filter((n) => n.number !== e164) : null,
    );
  }

  private async update(change: (numbers: readonly OptOut[]) => OptOut[] | null): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { numbers, etag } = await this.read();
      const next = change(numbers);
      if (next === null) return false;
      next.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
      const body = `${JSON.stringify({ schema: 1, numbers: next }, null, 2)}\n`;
      try {
        await this.store.put(OPT_OUTS_KEY, body, {
          contentType: 'application/json',
          cacheControl: 'no-store',
          ...(etag ? { ifMatch: etag } : { ifNoneMatch: '*' }),
        });
        return true;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
      }
      // Full jitter, as jobs.json's writers wait (src/core/jobs/jobs-repository.ts).
      if (attempt < MAX_ATTEMPTS) await sleep(Math.random() * Math.min(1000, 40 * 2 ** attempt));
    }
    throw new QdnError(
      'conflict',
      `${OPT_OUTS_KEY} kept changing while saving (${MAX_ATTEMPTS} attempts). Nothing was lost; try again.`,
    );
  }

  private async read(): Promise<{ numbers: OptOut[]; etag: string | null }> {
    const object = await this.store.get(OPT_OUTS_KEY);
    if (!object) return { numbers: [], etag: null };
    let parsed: unknown;
    try {
      parsed = JSON.parse(object.body.toString('utf8'));
    } catch {
      throw new QdnError(
        'internal',
        `${OPT_OUTS_KEY} in ${this.store.location} is not JSON; it was left as it is.`,
      );
    }
    const checked = optOutsFileSchema.safeParse(parsed);
    if (!checked.success) {
      throw new QdnError(
        'internal',
        `${OPT_OUTS_KEY} in ${this.store.location} is not an opt-out list; it was left as it is.`,
      );
    }
    return { numbers: checked.data.numbers, etag: object.etag };
  }
}
