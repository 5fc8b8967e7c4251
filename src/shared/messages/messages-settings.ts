import { z } from 'zod';
import { JOB_STATUSES } from '../status-flow';

/** "21:00": a wall-clock time in the business's zone. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 21:00');

/**
 * config.json → `messages`: which status changes text the customer by themselves, when texts
 * wait (quiet hours, in the business's zone; `from` after `to` spans midnight), and who carries
 * them. With no `provider` a sandbox texts its own phone (the local edge's /__phone/) and an
 * AWS workspace sends nothing until one is set.
 */
export const messagesSettingsSchema = z.object({
  auto: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).default(['en_route']),
  quiet_hours: z.object({ from: clockTime, to: clockTime }).optional(),
  provider: z.enum(['sandbox', 'aws', 'twilio']).optional(),
  /** AWS End User Messaging SMS (src/core/messages/aws/). */
  aws: z
    .object({
      /** A phone number, its ARN or id, a sender id or a pool: what SendTextMessage sends from. */
      origination_identity: z.string().trim().min(1).max(256),
      /** The configuration set whose event destination reports delivery. */
      configuration_set: z.string().trim().min(1).max(64).optional(),
      /** The SQS queue subscribed to the number's two-way SNS topic (and delivery events). */
      inbound_queue_url: z.url().optional(),
      /** Defaults to the workspace's region. */
      region: z.string().trim().min(1).optional(),
      /** Most a month may spend, as AWS's own spend limit would cap it (informational here). */
      max_price_per_message: z.number().positive().optional(),
    })
    .optional(),
});
export type MessagesSettings = z.infer<typeof messagesSettingsSchema>;
