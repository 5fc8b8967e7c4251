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

/**
 * The sandbox's inbound channel: the queue folder of the sandbox's phone in its data store.
 * A receive lists it in key order (time order) and reads the first events; `ack` deletes one.
 * Nothing waits on a folder, so a receive answers at once (the poller calls it every second).
 * An object that is not an event is moved aside, so it neither blocks the queue nor vanishes.
 */
export class SandboxInboundChannel implements InboundChannel {
  constructor(private readonly store: ObjectStore) {}

  async receive(options: { signal?: AbortSignal } = {}): Promise<ReceivedEvent[]> {
    options.signal?.throwIfAborted();
    const listed = await this.store.list(SANDBOX_PHONE_KEYS.inbound);
    const received: ReceivedEvent[] = [];
    for (const meta of listed) {
      if (received.length >= MAX_PER_RECEIVE) break;
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
      received.push({ event: parsed.event, ack: () => this.store.delete(key) });
    }
    return received;
  }
}
