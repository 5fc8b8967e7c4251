import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/object-store';
import { parseInboundEvent } from './inbound-event';
import { SANDBOX_PHONE_KEYS } from './messages-ports';
import type { InboundChannel, InboundEvent, ReceivedEvent } from './messages-ports';

/** Where a queue object that is no event is moved, with its name: kept for a look, never read again. */
const SANDBOX_INBOUND_REJECTED = 'sandbox-phone/rejected/';

/** At most this many events a receive hands over, as an SQS receive takes at most 10. */
const MAX_PER_RECEIVE = 10;

/**
 * A key under SANDBOX_PHONE_KEYS.inbound that sorts by time: the ms since 1970, zero-padded,
 * then random bits so two events of one millisecond never share a key.
 */
function sandboxInboundKey(now: number = Date.now()): string {
  return `${SANDBOX_PHONE_KEYS.inbound}${String(now).padStart(15, '0')}-${randomBytes(6).toString('hex')}.json`;
}

/**
 * Puts an event in the sandbox's queue, as the number's two-way channel (a reply) or the
 * configuration set (a delivery report) would hand it to SQS. Create-only: a key is never reused.
 */
export async function queueSandboxInbound(
  store: ObjectStore,
  event: InboundEvent,
  now: number = Date.now(),
): Promise<string> {
  const key = sandboxInboundKey(now);
  await store.put(key, `${JSON.stringify(event)}\n`, {
    contentType: 'application/json',
    ifNoneMatch: '*',
  });
  return key;
}

export interface SandboxInboundOptions {
  /**
   * How long an event handed over and not acked is skipped, as SQS's visibility timeout hides
   * it: without one, ten delivery reports left waiting (their texts not yet recorded as sent)
   * would be handed over on every receive and hold every newer reply back. 0: handed again at
   * once (a one-off pass, such as `qdn messages reply`).
   */
  visibilityMs?: number;
  now?: () => number;
}

/**
 * The sandbox's inbound channel: the queue folder of the sandbox's phone in its data store.
 * A receive lists it in key order (time order) and reads the first events; `ack` deletes one.
 * Nothing waits on a folder, so a receive answers at once (the poller calls it every second).
 * An object that is not an event is moved aside, so it neither blocks the queue nor vanishes.
 */
export class SandboxInboundChannel implements InboundChannel {
  /** Key → when an event handed over and not acked may be handed over again. */
  private readonly hidden = new Map<string, number>();
  private readonly visibilityMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: ObjectStore,
    options: SandboxInboundOptions = {},
  ) {
    this.visibilityMs = options.visibilityMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  async receive(options: { signal?: AbortSignal } = {}): Promise<ReceivedEvent[]> {
    options.signal?.throwIfAborted();
    const listed = await this.store.list(SANDBOX_PHONE_KEYS.inbound);
    const now = this.now();
    this.forgetGone(listed.map((meta) => meta.key));
    const received: ReceivedEvent[] = [];
    for (const meta of listed) {
      if (received.length >= MAX_PER_RECEIVE) break;
      if ((this.hidden.get(meta.key) ?? 0) > now) continue;
      const object = await this.store.get(meta.key);
      // Acked (deleted) by another console between the list and the read: gone, as on SQS.
      if (!object) continue;
      const parsed = parseInboundEvent(object.body.toString('utf8'));
      if (!parsed.ok) {
        const name = meta.key.slice(SANDBOX_PHONE_KEYS.inbound.length);
        await this.store.move(meta.key, `${SANDBOX_INBOUND_REJECTED}${name}`);
        continue;
      }
      const key = meta.key;
      if (this.visibilityMs > 0) this.hidden.set(key, now + this.visibilityMs);
      received.push({
        event: parsed.event,
        ack: async () => {
          await this.store.delete(key);
          this.hidden.delete(key);
        },
      });
    }
    return received;
  }

  /** Drops what it hid once the event is gone (acked elsewhere), so the map stays small. */
  private forgetGone(keys: readonly string[]): void {
    if (this.hidden.size === 0) return;
    const present = new Set(keys);
    for (const key of this.hidden.keys()) if (!present.has(key)) this.hidden.delete(key);
  }
}
