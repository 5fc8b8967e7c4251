import { z } from 'zod';
import type { InboundEvent } from './messages-ports';

const instant = z.iso.datetime({ offset: true });

/**
 * An inbound event as a channel hands it over, checked: what arrives on a queue is input, and a
 * queue message that is not an event is kept aside, never taken for one. Bodies are bounded
 * by what a long SMS can be (10 segments of 160) with room to spare; the recorder cuts what a
 * text record cannot keep.
 */
export const inboundEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reply'),
    providerId: z.string().min(1).max(200),
    from: z.string().min(1).max(40),
    to: z.string().max(40),
    body: z.string().max(10_000),
    at: instant,
  }),
  z.object({
    kind: z.literal('delivery'),
    providerId: z.string().min(1).max(200),
    state: z.enum(['delivered', 'failed']),
    reason: z.string().max(2000).optional(),
    at: instant,
  }),
]) satisfies z.ZodType<InboundEvent>;

/** The event in `text`, or why it is none. */
export function parseInboundEvent(
  text: string,
): { ok: true; event: InboundEvent } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const checked = inboundEventSchema.safeParse(json);
  if (!checked.success) return { ok: false, reason: 'not an inbound event' };
  const event: InboundEvent =
    checked.data.kind === 'reply'
      ? checked.data
      : {
          kind: 'delivery',
          providerId: checked.data.providerId,
          state: checked.data.state,
          at: checked.data.at,
          ...(checked.data.reason !== undefined ? { reason: checked.data.reason } : {}),
        };
  return { ok: true, event };
}
