/**
 * What the messages floor needs from the world. Each port has a sandbox adapter (the local
 * phone, src/core/messages/sandbox-phone*.ts) and an AWS one (End User Messaging SMS for
 * sending, SQS for what the number's two-way SNS topic and the configuration set report).
 */

/** A text ready for the provider: `id` is the text's own id (src/shared/messages/text-record.ts). */
export interface OutgoingText {
  id: string;
  /** E.164. */
  to: string;
  body: string;
}

/** The provider took the text; `providerId` is how its delivery events name it. */
export interface TextAccepted {
  providerId: string;
}

/**
 * Sends one text. A refusal that no retry can change (an opted-out or invalid number, a
 * blocked destination) throws `TextRefusedError`; anything else thrown is transient (network,
 * throttling) and the text stays owed.
 */
export interface TextSender {
  readonly name: 'sandbox' | 'aws' | 'twilio';
  send(text: OutgoingText): Promise<TextAccepted>;
}

/** The provider will not send this text, whatever the retries; `optedOut` when that is why. */
export class TextRefusedError extends Error {
  override readonly name = 'TextRefusedError';
  constructor(
    message: string,
    readonly optedOut = false,
  ) {
    super(message);
  }
}

/** What arrives from the phone network: a customer's text, or news of one we sent. */
export type InboundEvent =
  | {
      kind: 'reply';
      /** The provider's id of the inbound text (dedupes a redelivered queue message). */
      providerId: string;
      /** E.164 of the customer, and of our number. */
      from: string;
      to: string;
      body: string;
      at: string;
    }
  | {
      kind: 'delivery';
      /** The `TextAccepted.providerId` of the text this is about. */
      providerId: string;
      state: 'delivered' | 'failed';
      /** The carrier's reason for a failure, as it gives it. */
      reason?: string;
      at: string;
    };

/** One event taken from the channel; `ack` removes it once it is safely recorded. */
export interface ReceivedEvent {
  event: InboundEvent;
  ack(): Promise<void>;
}

/**
 * Where inbound events wait until the console records them (an SQS queue, long-polled; the
 * sandbox's folder). An event not acked comes back later: recording must be idempotent.
 */
export interface InboundChannel {
  receive(options?: { waitSeconds?: number; signal?: AbortSignal }): Promise<ReceivedEvent[]>;
}

/**
 * Numbers that texted STOP (or another carrier opt-out keyword) and not START since: no
 * automatic text goes to them. Kept in the data store (src/core/messages/opt-outs.ts).
 */
export interface OptOuts {
  has(e164: string): Promise<boolean>;
}

/**
 * The sandbox's phone, in the sandbox's data store: what it has received (one object per text,
 * written by the sandbox sender) and what waits for the console as the SQS queue would hold it
 * (a tester's replies and the sandbox's delivery reports, one object per event, removed on ack).
 */
export const SANDBOX_PHONE_KEYS = {
  /** `sandbox-phone/texts/<text id>.json`: `{ id, to, body, at, provider_id }`. */
  texts: 'sandbox-phone/texts/',
  /** `sandbox-phone/inbound/<time id>.json`: one `InboundEvent` as JSON. */
  inbound: 'sandbox-phone/inbound/',
} as const;
