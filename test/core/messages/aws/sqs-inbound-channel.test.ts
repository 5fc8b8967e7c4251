// Why a mock: no machine here can reach AWS, and SQS fed by End User Messaging SMS's SNS
// topics cannot run locally. aws-sdk-client-mock stands in for SQS at the SDK's `send` with a
// small in-memory queue; the message bodies are the payloads AWS documents (the two-way SMS
// payload and the configuration set's event, each with the SNS envelope and raw). What a real
// long poll does on abort is tested against a loopback server in sqs-long-poll.test.ts.
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Message, ReceiveMessageCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqsInboundChannel } from '../../../../src/core/messages/aws/sqs-inbound-channel';
import type { SkippedInbound } from '../../../../src/core/messages/aws/sqs-inbound-channel';
import type { InboundEvent } from '../../../../src/core/messages/messages-ports';
import { QdnError } from '../../../../src/shared/errors';
import { coverageLine, forEachFault, settleOrAbandon } from '../../../support/fault-plan';

const QUEUE = 'https://sqs.us-west-2.amazonaws.com/111122223333/qdn-inbound';
const TOPIC = 'arn:aws:sns:us-west-2:111122223333:qdn-two-way';
const sqsMock = mockClient(SQSClient);

/** The two-way SMS payload, as documented (two-way-sms-payload.html). */
function twoWay(body: string, id = 'cae173d2-66b9-564c-8309-21f858e9fb84') {
  return {
    originationNumber: '+14255550182',
    destinationNumber: '+12125550101',
    messageKeyword: 'KEYWORD_111122223333',
    messageBody: body,
    inboundMessageId: id,
    previousPublishedMessageId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
}

/** A configuration set's SMS event, as documented (configuration-sets-event-format.html). */
function smsEvent(eventType: string, extra: Record<string, unknown> = {}) {
  return {
    eventType,
    eventVersion: '1.0',
    eventTimestamp: 1686975103470,
    isFinal: true,
    originationPhoneNumber: '+12065550152',
    destinationPhoneNumber: '+14255550156',
    isInternationalSend: false,
    mcc: '310',
    mnc: '800',
    messageId: '862a8790-60c0-4430-9b2b-658bdexample',
    messageRequestTimestamp: 1686975103170,
    messageEncoding: 'GSM',
    messageType: 'TRANSACTIONAL',
    messageStatus: eventType.replace(/^TEXT_/, ''),
    messageStatusDescription: 'Message has been accepted by phone carrier',
    context: { qdn_text_id: 'txt_0001' },
    totalMessageParts: 1,
    totalMessagePrice: 0.00581,
    totalCarrierFee: 0.003,
    ...extra,
  };
}

/** The SNS envelope SQS holds when the subscription's raw message delivery is off. */
function wrapped(payload: unknown, timestamp = '2026-12-08T02:10:05.123Z'): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: TOPIC,
    Message: JSON.stringify(payload),
    Timestamp: timestamp,
    SignatureVersion: '1',
    Signature:
      'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL:
      'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
    UnsubscribeURL: `https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:1`,
  });
}

/** A little SQS: messages by receipt handle, every present one visible to each receive. */
class FakeQueue {
  readonly messages = new Map<string, Message>();
  readonly receives: ReceiveMessageCommandInput[] = [];
  private next = 1;

  add(body: string, sentTimestamp = 1765159805123): string {
    const n = this.next++;
    const handle = `AQEB-handle-${n}`;
    this.messages.set(handle, {
      MessageId: `m-${n}`,
      ReceiptHandle: handle,
      Body: body,
      Attributes: { SentTimestamp: String(sentTimestamp) },
    });
    return handle;
  }

  install(): void {
    sqsMock.on(ReceiveMessageCommand).callsFake((input: ReceiveMessageCommandInput) => {
      this.receives.push(input);
      return { Messages: [...this.messages.values()].slice(0, input.MaxNumberOfMessages ?? 1) };
    });
    sqsMock.on(DeleteMessageCommand).callsFake((input: { ReceiptHandle?: string }) => {
      this.messages.delete(input.ReceiptHandle ?? '');
      return {};
    });
  }
}

function channel(client: SQSClient, skipped: SkippedInbound[] = []) {
  return new SqsInboundChannel(client, {
    queueUrl: QUEUE,
    context: { region: 'us-west-2', profile: 'dispatch' },
    onSkipped: (s) => skipped.push(s),
  });
}

const client = () => new SQSClient({ region: 'us-west-2' });

/** The events of one receive, each one alone on the queue. */
async function eventOf(
  body: string,
): Promise<{ events: InboundEvent[]; skipped: SkippedInbound[] }> {
  const queue = new FakeQueue();
  queue.install();
  queue.add(body);
  const skipped: SkippedInbound[] = [];
  const received = await channel(client(), skipped).receive();
  return { events: received.map((r) => r.event), skipped };
}

beforeEach(() => sqsMock.reset());
afterEach(() => sqsMock.reset());

describe('SqsInboundChannel: the receive', () => {
  it('long-polls for up to 10 messages, 20 s unless told, asking for SentTimestamp', async () => {
    const queue = new FakeQueue();
    queue.install();
    const ch = channel(client());
    await ch.receive();
    await ch.receive({ waitSeconds: 3 });
    await ch.receive({ waitSeconds: 90 });
    expect(queue.receives).toEqual(
      [20, 3, 20].map((wait) => ({
        QueueUrl: QUEUE,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: wait,
        MessageSystemAttributeNames: ['SentTimestamp'],
      })),
    );
  });

  it('acks by deleting exactly that message, by its receipt handle', async () => {
    const queue = new FakeQueue();
    queue.install();
    queue.add(wrapped(twoWay('First')));
    const second = queue.add(wrapped(twoWay('Second', 'in-2')));
    queue.add(wrapped(twoWay('Third', 'in-3')));
    const received = await channel(client()).receive();
    expect(received.map((r) => (r.event.kind === 'reply' ? r.event.body : ''))).toEqual([
      'First',
      'Second',
      'Third',
    ]);
    await received[1]!.ack();
    const deletes = sqsMock.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input);
    expect(deletes).toEqual([{ QueueUrl: QUEUE, ReceiptHandle: second }]);
    expect([...queue.messages.keys()]).not.toContain(second);
    expect(queue.messages.size).toBe(2);
  });

  it('names the IAM action when the queue refuses the profile', async () => {
    sqsMock.on(ReceiveMessageCommand).rejects(
      Object.assign(new Error('not authorized to perform: sqs:receivemessage'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const err = await channel(client())
      .receive()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(QdnError);
    expect((err as QdnError).message).toMatch(
      /grant sqs:ReceiveMessage to the identity of profile dispatch/,
    );
  });
});

describe('SqsInboundChannel: a customer’s text (two-way SMS)', () => {
  const reply = {
    kind: 'reply',
    providerId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
    from: '+14255550182',
    to: '+12125550101',
    body: 'Can you come at 3 instead?',
  };

  it('reads it inside the SNS envelope, timed by the envelope', async () => {
    const { events, skipped } = await eventOf(wrapped(twoWay('Can you come at 3 instead?')));
    expect(skipped).toEqual([]);
    expect(events).toEqual([{ ...reply, at: '2026-12-08T02:10:05.123Z' }]);
  });

  it('reads it raw (raw message delivery on), timed by SQS SentTimestamp', async () => {
    const { events } = await eventOf(JSON.stringify(twoWay('Can you come at 3 instead?')));
    expect(events).toEqual([{ ...reply, at: new Date(1765159805123).toISOString() }]);
  });

  it('hands a STOP over as the reply it is, wrapped or raw (the recorder acts on the keyword)', async () => {
    for (const body of [
      wrapped(twoWay('STOP', 'in-stop')),
      JSON.stringify(twoWay('STOP', 'in-stop')),
    ]) {
      const { events } = await eventOf(body);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'reply', providerId: 'in-stop', body: 'STOP' });
    }
  });
});

describe('SqsInboundChannel: delivery events of the configuration set', () => {
  const at = new Date(1686975103470).toISOString();
  const providerId = '862a8790-60c0-4430-9b2b-658bdexample';

  for (const type of ['TEXT_DELIVERED', 'TEXT_SUCCESSFUL']) {
    it(`${type} is delivered (wrapped and raw)`, async () => {
      for (const body of [wrapped(smsEvent(type)), JSON.stringify(smsEvent(type))]) {
        const { events } = await eventOf(body);
        expect(events).toEqual([{ kind: 'delivery', providerId, state: 'delivered', at }]);
      }
    });
  }

  const failures = [
    'TEXT_BLOCKED',
    'TEXT_TTL_EXPIRED',
    'TEXT_CARRIER_UNREACHABLE',
    'TEXT_INVALID',
    'TEXT_INVALID_MESSAGE',
    'TEXT_CARRIER_BLOCKED',
    'TEXT_UNREACHABLE',
    'TEXT_SPAM',
    'TEXT_UNKNOWN',
    'TEXT_PROTECT_BLOCKED',
  ];
  for (const type of failures) {
    it(`${type} is failed, with the carrier's reason`, async () => {
      const said = `Carrier says: ${type.toLowerCase()}`;
      const { events } = await eventOf(wrapped(smsEvent(type, { messageStatusDescription: said })));
      expect(events).toEqual([
        { kind: 'delivery', providerId, state: 'failed', reason: `${said} (${type})`, at },
      ]);
    });
  }

  it('words a failure itself when the carrier gives no description', async () => {
    const { events } = await eventOf(
      JSON.stringify(smsEvent('TEXT_SPAM', { messageStatusDescription: undefined })),
    );
    expect(events[0]).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/spam.*\(TEXT_SPAM\)/),
    });
  });
});

describe('SqsInboundChannel: what is no event is acked and reported, never taken for one', () => {
  const cases: { name: string; body: string; kind: 'interim' | 'unreadable'; reason: RegExp }[] = [
    {
      name: 'TEXT_QUEUED',
      body: wrapped(smsEvent('TEXT_QUEUED', { isFinal: false })),
      kind: 'interim',
      reason: /not final/,
    },
    {
      name: 'TEXT_PENDING',
      body: JSON.stringify(smsEvent('TEXT_PENDING')),
      kind: 'interim',
      reason: /not final/,
    },
    {
      name: 'a carrier-unreachable event that is not final',
      body: wrapped(smsEvent('TEXT_CARRIER_UNREACHABLE', { isFinal: false })),
      kind: 'interim',
      reason: /not final/,
    },
    {
      name: 'a voice event',
      body: wrapped(smsEvent('VOICE_COMPLETED')),
      kind: 'interim',
      reason: /not a text's event/,
    },
    {
      name: 'an SNS subscription confirmation',
      body: JSON.stringify({
        Type: 'SubscriptionConfirmation',
        TopicArn: TOPIC,
        Token: 't',
        Message: 'You have chosen to subscribe',
      }),
      kind: 'interim',
      reason: /SubscriptionConfirmation/,
    },
    {
      name: 'a body that is not JSON',
      body: 'hello from a test script',
      kind: 'unreadable',
      reason: /not JSON/,
    },
    {
      name: 'a notification whose Message is not JSON',
      body: JSON.stringify({
        Type: 'Notification',
        TopicArn: TOPIC,
        Message: 'plain words',
        Timestamp: '2026-12-08T02:10:05.123Z',
      }),
      kind: 'unreadable',
      reason: /Message is not JSON/,
    },
    {
      name: 'an unknown event type',
      body: JSON.stringify(smsEvent('TEXT_TELEPORTED')),
      kind: 'unreadable',
      reason: /unknown event type TEXT_TELEPORTED/,
    },
    {
      name: 'a two-way SMS without its sender',
      body: JSON.stringify({ ...twoWay('hi'), originationNumber: undefined }),
      kind: 'unreadable',
      reason: /without originationNumber/,
    },
    {
      name: 'a body longer than any text',
      body: wrapped(twoWay('x'.repeat(20_000))),
      kind: 'unreadable',
      reason: /out of bounds/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: deleted and reported as ${c.kind}`, async () => {
      const queue = new FakeQueue();
      queue.install();
      queue.add(c.body);
      const skipped: SkippedInbound[] = [];
      const received = await channel(client(), skipped).receive();
      expect(received).toEqual([]);
      expect(queue.messages.size).toBe(0);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ kind: c.kind, messageId: 'm-1', acked: true });
      expect(skipped[0]!.reason).toMatch(c.reason);
      expect(c.body.startsWith(skipped[0]!.body)).toBe(true);
    });
  }

  it('reports a skipped message it could not delete as not acked, and still hands over the rest', async () => {
    const queue = new FakeQueue();
    queue.install();
    queue.add('not json');
    queue.add(wrapped(twoWay('Still here')));
    sqsMock.on(DeleteMessageCommand).rejectsOnce(new Error('socket hang up'));
    const skipped: SkippedInbound[] = [];
    const received = await channel(client(), skipped).receive();
    expect(received.map((r) => r.event.kind)).toEqual(['reply']);
    expect(skipped).toMatchObject([{ kind: 'unreadable', acked: false }]);
    expect(queue.messages.size).toBe(2);
  });
});

describe('SqsInboundChannel under the fault harness', () => {
  it('loses no event and takes no bad message for one, whatever call fails or stops', async () => {
    const good = [
      wrapped(twoWay('Running late?', 'in-a')),
      JSON.stringify(smsEvent('TEXT_BLOCKED')),
    ];
    const bad = ['{"oops":', wrapped(smsEvent('TEXT_PENDING', { isFinal: false }))];

    const report = await forEachFault(async (plan, fault) => {
      sqsMock.reset();
      const queue = new FakeQueue();
      queue.install();
      const handles = [...good, ...bad].map((b) => queue.add(b));
      const goodHandles = new Set(handles.slice(0, good.length));
      const recorded: InboundEvent[] = [];
      const skipped: SkippedInbound[] = [];
      // The caller's pass: record each event, then ack it (src/core/messages/inbound-recorder.ts).
      const pass = async (ch: SqsInboundChannel) => {
        for (const r of await ch.receive()) {
          recorded.push(r.event);
          await r.ack();
        }
      };

      const outcome = await settleOrAbandon(
        pass(channel(plan.wrap(client(), 'sqs'), skipped)),
        plan,
      );
      if (fault?.mode === 'fail') {
        // A failed delete of a skipped message is reported, not thrown: the receive goes on.
        // Calls 2 and 3 delete the two skipped messages: their failure is reported, not thrown.
        const skipDelete = fault.at === 2 || fault.at === 3;
        expect(skipped.some((s) => !s.acked)).toBe(skipDelete);
        expect(outcome).toMatch(skipDelete ? /^ok$/ : /^error: injected fault/);
      }
      // Nothing lost: a good message is still queued, or it was handed over before its delete.
      for (const handle of goodHandles) {
        const body = good[handles.indexOf(handle)]!;
        const handedOver = recorded.some((e) => body.includes(e.providerId));
        expect(queue.messages.has(handle) || handedOver).toBe(true);
      }

      await pass(channel(client(), skipped));
      expect(queue.messages.size).toBe(0);
      const kinds = new Set(recorded.map((e) => `${e.kind}:${e.providerId}`));
      expect(kinds).toEqual(
        new Set(['reply:in-a', 'delivery:862a8790-60c0-4430-9b2b-658bdexample']),
      );
      // Both bad messages were reported (at least once), and neither became an event.
      expect(new Set(skipped.filter((s) => s.acked).map((s) => s.kind))).toEqual(
        new Set(['unreadable', 'interim']),
      );
    });
    console.log(coverageLine('SQS inbound receive + ack', report));
    expect(report.calls).toBe(5);
  });
});
