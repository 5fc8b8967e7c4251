import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';
import type { MessagesSettings } from '../../../shared/messages/messages-settings';
import { AwsTextSender } from './aws-text-sender';
import { SqsInboundChannel } from './sqs-inbound-channel';
import type { SkippedInbound } from './sqs-inbound-channel';

/** config.json → messages.aws. */
export type AwsMessagesSettings = NonNullable<MessagesSettings['aws']>;

export interface AwsMessagingOptions {
  /** The workspace's region, for when messages.aws names none. */
  region: string;
  /**
   * The credentials the main process holds (a profile's `fromIni`, as
   * src/core/workspace/open-workspace.ts makes them); undefined takes the SDK's default chain.
   */
  credentials?: SQSClientConfig['credentials'];
  /** The profile they come from, named in sign-in and permission errors. */
  profile?: string;
  /** Told of each queue message that is no event (see SqsInboundChannel). */
  onSkipped?: (skipped: SkippedInbound) => void;
}

export interface AwsMessaging {
  sender: AwsTextSender;
  /** Null without messages.aws.inbound_queue_url: texts go out, nothing comes back. */
  inbound: SqsInboundChannel | null;
}

/**
 * The AWS messages adapters for the composition to plug in: End User Messaging SMS for sending,
 * the SQS queue behind the number's SNS topics for replies and delivery events. Both clients
 * use the main process's credentials; AWS is never called from the renderer.
 */
export function createAwsMessaging(
  settings: AwsMessagesSettings,
  options: AwsMessagingOptions,
): AwsMessaging {
  const region = settings.region ?? options.region;
  const context = { region, ...(options.profile ? { profile: options.profile } : {}) };
  const sender = new AwsTextSender(
    new PinpointSMSVoiceV2Client({ region, credentials: options.credentials }),
    {
      originationIdentity: settings.origination_identity,
      ...(settings.configuration_set ? { configurationSet: settings.configuration_set } : {}),
      ...(settings.max_price_per_message !== undefined
        ? { maxPricePerMessage: settings.max_price_per_message }
        : {}),
      context,
    },
  );
  const queueUrl = settings.inbound_queue_url;
  if (!queueUrl) return { sender, inbound: null };
  // A queue lives in one region, which its URL names; requests are signed for that one.
  const queueRegion = queueRegionOf(queueUrl) ?? region;
  const inbound = new SqsInboundChannel(
    new SQSClient({ region: queueRegion, credentials: options.credentials }),
    {
      queueUrl,
      context: { ...context, region: queueRegion },
      ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}),
    },
  );
  return { sender, inbound };
}

/** `https://sqs.us-west-2.amazonaws.com/1111/q` → `us-west-2`; null for another host. */
export function queueRegionOf(queueUrl: string): string | null {
  try {
    const host = new URL(queueUrl).hostname;
    return /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host)?.[1] ?? null;
  } catch {
    return null;
  }
}
