import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import type { Job } from '../../shared/job';
import { optKeyword } from '../../shared/messages/opt-out-keywords';
import { checkPhone } from '../../shared/phone';
import type { JobsStore } from '../jobs/jobs-store';
import { recordDelivery, recordReply, replyRecorded } from '../jobs/text-inbound-changes';
import { PreconditionFailedError } from '../storage/object-store';
import type { ObjectStore } from '../storage/object-store';
import type { InboundChannel, InboundEvent } from './messages-ports';
import type { OptOutList } from './opt-outs';

/** Texts that found no job (or no sent text), kept for the dispatcher: never dropped. */
const UNMATCHED_PREFIX = 'messages/unmatched/';

/** A delivery report for a text still unknown this long after it was sent is kept aside. */
const DELIVERY_PATIENCE_MS = 24 * 60 * 60 * 1000;

/** An inbound event no job could take, as kept under UNMATCHED_PREFIX. */
export interface UnmatchedText {
  event: InboundEvent;
  reason: string;
  kept_at: string;
}

/** What one event came to: acked (recorded somewhere) or left on the channel to come back. */
export interface Recorded {
  ack: boolean;
  /** Jobs whose texts changed, as saved. */
  changed: Job[];
  outcome: 'recorded' | 'already' | 'unmatched' | 'waiting';
}

/** What a receive pass did. */
export interface PassResult {
  received: number;
  /** Jobs whose texts changed, as saved (the newest form of each). */
  changed: Job[];
  unmatched: number;
  /** Delivery reports for texts not yet recorded as sent: left on the channel. */
  waiting: number;
}

export interface InboundRecorderOptions {
  jobs: Pick<JobsStore, 'update' | 'list'>;
  /** The data store: unmatched texts go here. */
  data: ObjectStore;
  optOuts: OptOutList;
  /** Where numbers without a country code are read (the business's country). */
  country?: CountryCode;
  now?: () => Date;
}

/**
 * Records what the phone network reports, then acks it: a reply on its job (or kept aside when
 * no job has the number), STOP/START on the opt-out list and on the number's jobs, a delivery
 * report on the text it names. Each write is idempotent, so an event redelivered after a crash
 * between the write and the ack (the one window no queue closes) adds nothing.
 */
export class InboundRecorder {
  private readonly now: () => Date;

  constructor(private readonly options: InboundRecorderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * One receive and the recording of what it brought, in order. The first event that cannot
   * be recorded stops the pass (it throws): that event and the ones after it stay on the
   * channel, unacked, for the next pass.
   */
  async pass(
    channel: InboundChannel,
    receive: { waitSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<PassResult> {
    const events = await channel.receive(receive);
    const changed = new Map<string, Job>();
    let unmatched = 0;
    let waiting = 0;
    for (const received of events) {
      const done = await this.record(received.event);
      for (const job of done.changed) changed.set(job.job_id, job);
      if (done.outcome === 'unmatched') unmatched += 1;
      if (done.outcome === 'waiting') waiting += 1;
      if (done.ack) await received.ack();
    }
    return { received: events.length, changed: [...changed.values()], unmatched, waiting };
  }

  async record(event: InboundEvent): Promise<Recorded> {
    return event.kind === 'reply' ? this.recordReply(event) : this.recordDelivery(event);
  }

  private async recordReply(event: Extract<InboundEvent, { kind: 'reply' }>): Promise<Recorded> {
    const from = checkPhone(event.from, this.options.country);
    if (!from.ok) return this.keep(event, `The sender's number ${from.message}.`);
    const keyword = optKeyword(event.body);
    if (keyword) {
      // Seen already (on a job, or kept aside): a redelivered STOP must not undo a START that
      // came after it. The list is written before the jobs, so a job that has it means the
      // list had it too.
      if (replyRecorded(await this.options.jobs.list(), event.providerId)) {
        return { ack: true, changed: [], outcome: 'already' };
      }
      if (await this.options.data.head(unmatchedKey(event))) {
        return { ack: true, changed: [], outcome: 'already' };
      }
      if (keyword.kind === 'stop') {
        await this.options.optOuts.add(from.e164, event.at, keyword.keyword);
      } else {
        await this.options.optOuts.remove(from.e164);
      }
    }
    const saved = await this.options.jobs.update(
      recordReply(
        {
          providerId: event.providerId,
          from: from.e164,
          body: event.body,
          at: event.at,
          keyword: keyword !== null,
        },
        this.options.country,
      ),
    );
    if (saved.result.already) return { ack: true, changed: [], outcome: 'already' };
    if (saved.result.jobs.length === 0) return this.keep(event, 'No job has this number.');
    return { ack: true, changed: saved.changed, outcome: 'recorded' };
  }

  private async recordDelivery(
    event: Extract<InboundEvent, { kind: 'delivery' }>,
  ): Promise<Recorded> {
    const saved = await this.options.jobs.update(
      recordDelivery({
        providerId: event.providerId,
        state: event.state,
        at: event.at,
        ...(event.reason !== undefined ? { reason: event.reason } : {}),
      }),
    );
    if (saved.result) {
      return {
        ack: true,
        changed: saved.changed,
        outcome: saved.result.changed ? 'recorded' : 'already',
      };
    }
    // The sender records a text's provider id after the provider took it: a report can beat
    // that write. It comes back later; only a report that stays unknown for a day is put aside.
    const age = this.now().getTime() - Date.parse(event.at);
    if (age < DELIVERY_PATIENCE_MS) return { ack: false, changed: [], outcome: 'waiting' };
    return this.keep(event, 'No job has a text sent with this id.');
  }

  /** Keeps an event no job took, once: its key is its own, so a redelivery finds it there. */
  private async keep(event: InboundEvent, reason: string): Promise<Recorded> {
    const kept: UnmatchedText = { event, reason, kept_at: this.now().toISOString() };
    try {
      await this.options.data.put(unmatchedKey(event), `${JSON.stringify(kept, null, 2)}\n`, {
        contentType: 'application/json',
        ifNoneMatch: '*',
      });
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
      return { ack: true, changed: [], outcome: 'already' };
    }
    return { ack: true, changed: [], outcome: 'unmatched' };
  }
}

/** `messages/unmatched/<when>-<hash of the provider id>.json`: in time order, one per event. */
function unmatchedKey(event: InboundEvent): string {
  const when = new Date(event.at).toISOString().replace(/[-:.]/g, '');
  const id = createHash('sha256').update(`${event.kind}\n${event.providerId}`).digest('hex');
  return `${UNMATCHED_PREFIX}${when}-${id.slice(0, 16)}.json`;
}

/** The texts no job took, oldest first; an object that does not read as one is skipped. */
export async function listUnmatched(data: ObjectStore): Promise<UnmatchedText[]> {
  const kept: UnmatchedText[] = [];
  for (const meta of await data.list(UNMATCHED_PREFIX)) {
    const object = await data.get(meta.key);
    if (!object) continue;
    try {
      kept.push(JSON.parse(object.body.toString('utf8')) as UnmatchedText);
    } catch {
      // Only this product writes here; a damaged one is left for a look, not shown.
    }
  }
  return kept;
}
