import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../storage/object-store';
import type { InboundEvent, OutgoingText, TextAccepted, TextSender } from './messages-ports';
import { SANDBOX_PHONE_KEYS } from './messages-ports';

/**
 * The sandbox's provider: the "phone" is the sandbox's data store. What it receives is written
 * where the local edge's /__phone/ page reads it, and a delivery report is queued as the AWS
 * configuration set would send one, so the sandbox exercises the same inbound path.
 */
export class SandboxPhoneSender implements TextSender {
  readonly name = 'sandbox' as const;

  constructor(
    private readonly data: ObjectStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(text: OutgoingText): Promise<TextAccepted> {
    const at = this.clock().toISOString();
    const providerId = `sandbox-${randomBytes(8).toString('hex')}`;
    // One object per text id: a text sent twice (the at-least-once window) shows once, newest.
    await this.data.put(
      `${SANDBOX_PHONE_KEYS.texts}${text.id}.json`,
      JSON.stringify({ id: text.id, to: text.to, body: text.body, at, provider_id: providerId }),
      { contentType: 'application/json' },
    );
    const delivery: InboundEvent = { kind: 'delivery', providerId, state: 'delivered', at };
    await this.data.put(
      `${SANDBOX_PHONE_KEYS.inbound}${inboundName(this.clock())}.json`,
      JSON.stringify(delivery),
      { contentType: 'application/json' },
    );
    return { providerId };
  }
}

/** Sorts by time, then apart: two events in one millisecond never share a name. */
function inboundName(now: Date): string {
  return `${now.getTime().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
}
