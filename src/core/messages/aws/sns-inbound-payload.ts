import { inboundEventSchema } from '../inbound-event';
import type { InboundEvent } from '../messages-ports';

/**
 * What one SQS message from the number's SNS topics says: an inbound event, or why it is none.
 * `interim` is news we know and do not need (a text still queued, an SNS subscription
 * confirmation); `unreadable` is a shape we do not know. Either way the channel acks it and
 * reports it, so that one odd message neither blocks the queue nor vanishes unheard.
 */
export type SnsInboundParse =
  { ok: true; event: InboundEvent } | { ok: false; kind: 'interim' | 'unreadable'; reason: string };

/** Delivered, as End User Messaging SMS reports it; the two are used interchangeably by country. */
const DELIVERED = new Set(['TEXT_DELIVERED', 'TEXT_SUCCESSFUL']);
/** Not yet an outcome. */
const INTERIM = new Set(['TEXT_QUEUED', 'TEXT_PENDING']);
/** Failed for good, with plain words for when the carrier gives no description. */
const FAILED: Record<string, string> = {
  TEXT_BLOCKED: "The customer's phone or carrier blocks texts from this number.",
  TEXT_TTL_EXPIRED: 'The carrier could not deliver the text in time.',
  TEXT_CARRIER_UNREACHABLE: "The customer's carrier could not be reached.",
  TEXT_INVALID: "The customer's number is not a valid mobile number.",
  TEXT_INVALID_MESSAGE: 'The text itself could not be sent.',
  TEXT_CARRIER_BLOCKED: "The customer's carrier blocked the text.",
  TEXT_UNREACHABLE: "The customer's phone is off or out of reach.",
  TEXT_SPAM: "The customer's carrier took the text for spam.",
  TEXT_UNKNOWN: 'The carrier did not say what became of the text.',
  TEXT_PROTECT_BLOCKED: 'A protect configuration of the AWS account blocked the text.',
};

/**
 * Reads an SQS message body. The SNS envelope is there when the subscription's raw message
 * delivery is off (`{"Type":"Notification","Message":"<the payload as a string>",…}`) and
 * absent when it is on (the body is the payload). Two payloads are known:
 *
 * - a two-way SMS, as End User Messaging SMS publishes it to the number's topic
 *   (`originationNumber`, `destinationNumber`, `messageKeyword`, `messageBody`,
 *   `inboundMessageId`, `previousPublishedMessageId`), documented at
 *   https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms-payload.html — it carries
 *   no time, so `at` is the envelope's `Timestamp`, else SQS's `SentTimestamp`;
 * - a configuration set's event (`eventType`, `isFinal`, `messageId`, `eventTimestamp`,
 *   `messageStatus`, `messageStatusDescription`, …), documented at
 *   https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-format.html
 *   with its types at …/configuration-sets-event-types.html.
 */
export function parseSnsInbound(body: string, sentAt?: string): SnsInboundParse {
  const outer = parseObject(body);
  if (!outer) return unreadable('the message is not JSON');
  let payload = outer;
  let at = sentAt;
  if (typeof outer.Type === 'string' && typeof outer.TopicArn === 'string') {
    if (outer.Type !== 'Notification') {
      return { ok: false, kind: 'interim', reason: `an SNS ${outer.Type}, not a notification` };
    }
    const inner = typeof outer.Message === 'string' ? parseObject(outer.Message) : null;
    if (!inner) return unreadable("the SNS notification's Message is not JSON");
    payload = inner;
    if (typeof outer.Timestamp === 'string') at = outer.Timestamp;
  }
  if (typeof payload.eventType === 'string') return deliveryOf(payload);
  if (typeof payload.inboundMessageId === 'string') return replyOf(payload, at);
  return unreadable('neither a two-way SMS nor a configuration set event');
}

function replyOf(p: Record<string, unknown>, at: string | undefined): SnsInboundParse {
  if (typeof p.originationNumber !== 'string' || typeof p.messageBody !== 'string') {
    return unreadable('a two-way SMS without originationNumber or messageBody');
  }
  if (!at) return unreadable('a two-way SMS with no time (no SNS Timestamp, no SentTimestamp)');
  return checked({
    kind: 'reply',
    providerId: String(p.inboundMessageId),
    from: p.originationNumber,
    to: typeof p.destinationNumber === 'string' ? p.destinationNumber : '',
    body: p.messageBody,
    at,
  });
}

function deliveryOf(p: Record<string, unknown>): SnsInboundParse {
  const type = String(p.eventType);
  if (!type.startsWith('TEXT_')) {
    return { ok: false, kind: 'interim', reason: `${type}: not a text's event` };
  }
  if (INTERIM.has(type) || p.isFinal === false) {
    return { ok: false, kind: 'interim', reason: `${type}: not final yet` };
  }
  const delivered = DELIVERED.has(type);
  const failedWords = FAILED[type];
  if (!delivered && failedWords === undefined) return unreadable(`unknown event type ${type}`);
  if (typeof p.messageId !== 'string' || typeof p.eventTimestamp !== 'number') {
    return unreadable(`${type} without messageId or eventTimestamp`);
  }
  const at = new Date(p.eventTimestamp);
  if (Number.isNaN(at.getTime())) return unreadable(`${type} with a bad eventTimestamp`);
  if (delivered) {
    return checked({
      kind: 'delivery',
      providerId: p.messageId,
      state: 'delivered',
      at: at.toISOString(),
    });
  }
  const said =
    typeof p.messageStatusDescription === 'string' ? p.messageStatusDescription.trim() : '';
  return checked({
    kind: 'delivery',
    providerId: p.messageId,
    state: 'failed',
    reason: said ? `${said} (${type})` : `${failedWords} (${type})`,
    at: at.toISOString(),
  });
}

/** Bounded as every inbound event is (src/core/messages/inbound-event.ts). */
function checked(event: InboundEvent): SnsInboundParse {
  return inboundEventSchema.safeParse(event).success
    ? { ok: true, event }
    : unreadable(`a ${event.kind} out of bounds (a field too long, or a bad time)`);
}

function unreadable(reason: string): SnsInboundParse {
  return { ok: false, kind: 'unreadable', reason };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
