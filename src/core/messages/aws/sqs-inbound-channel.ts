import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { actionableAwsError } from '../../aws/aws-errors';
import type { AwsCallContext } from '../../aws/aws-errors';
import type { InboundChannel, ReceivedEvent } from '../messages-ports';
import { parseSnsInbound } from './sns-inbound-payload';

/** SQS's own bounds: a receive takes at most 10 messages and waits at most 20 s. */
const MAX_MESSAGES = 10;
const MAX_WAIT_SECONDS = 20;
/** How much of an unreadable body a report carries: enough to see what it was. */
const REPORTED_BODY_CHARS = 2000;

/**
 * A queue message that is no event for the console, acked so it does not come back (and would
 * not block anything) but never dropped unheard: `kind` says whether it was news we do not need
 * (`interim`: a text still queued, an SNS subscription confirmation) or a shape we do not know
 * (`unreadable`, with its body for the log). `acked` is false when the delete failed: it will
 * come back, and be reported again.
 */
export interface SkippedInbound {
  kind: 'interim' | 'unreadable';
  reason: string;
  messageId: string;
  body: string;
  acked: boolean;
}

export interface SqsInboundChannelOptions {
  queueUrl: string;
  /** Names the profile and region in sign-in and permission errors. */
  context: Omit<AwsCallContext, 'service'>;
  /** Told of every message skipped; by default, a warning on the console's log. */
  onSkipped?: (skipped: SkippedInbound) => void;
}

/**
 * The number's two-way channel and the configuration set's delivery events, as they reach the
 * console: SNS topics, with one SQS queue subscribed to them, long-polled. `receive` waits up to
 * 20 s for up to 10 messages (an AbortSignal ends the wait at once, with the signal's reason);
 * `ack` deletes the message by its receipt handle. A message not acked comes back after the
 * queue's visibility timeout, which the recorder's idempotent writes absorb.
 */
export class SqsInboundChannel implements InboundChannel {
  private readonly onSkipped: (skipped: SkippedInbound) => void;

  constructor(
    private readonly client: SQSClient,
    private readonly options: SqsInboundChannelOptions,
  ) {
    this.onSkipped =
      options.onSkipped ??
      ((s) =>
        console.warn(
          `SQS ${options.queueUrl}: skipped message ${s.messageId} (${s.kind}: ${s.reason})${s.acked ? '' : ', not deleted: it will come back'}${s.kind === 'unreadable' ? `: ${s.body}` : ''}`,
        ));
  }

  async receive(
    options: { waitSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<ReceivedEvent[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    const wait = Math.min(
      MAX_WAIT_SECONDS,
      Math.max(0, Math.floor(options.waitSeconds ?? MAX_WAIT_SECONDS)),
    );
    let messages: Message[];
    try {
      const out = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: MAX_MESSAGES,
          WaitTimeSeconds: wait,
          // A two-way SMS carries no time of its own when SNS delivers it raw.
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
        signal ? { abortSignal: signal } : {},
      );
      messages = out.Messages ?? [];
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw this.actionable(err, 'ReceiveMessageCommand');
    }

    const received: ReceivedEvent[] = [];
    for (const message of messages) {
      const handle = message.ReceiptHandle;
      // SQS always gives one; without it the message can only wait out its visibility timeout.
      if (!handle) continue;
      const sent = Number(message.Attributes?.SentTimestamp);
      const parsed = parseSnsInbound(
        message.Body ?? '',
        Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : undefined,
      );
      if (parsed.ok) {
        received.push({ event: parsed.event, ack: () => this.delete(handle) });
        continue;
      }
      let acked = true;
      try {
        await this.delete(handle);
      } catch {
        acked = false;
      }
      this.onSkipped({
        kind: parsed.kind,
        reason: parsed.reason,
        messageId: message.MessageId ?? '(no id)',
        body: (message.Body ?? '').slice(0, REPORTED_BODY_CHARS),
        acked,
      });
    }
    return received;
  }

  private async delete(receiptHandle: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: receiptHandle }),
      );
    } catch (err) {
      throw this.actionable(err, 'DeleteMessageCommand');
    }
  }

  private actionable(err: unknown, command: string): unknown {
    return actionableAwsError(err, {
      ...this.options.context,
      service: 'sqs',
      command,
      resource: this.options.queueUrl,
    });
  }
}
