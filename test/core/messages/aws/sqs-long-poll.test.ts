// Why a server standing for SQS: no machine here can reach AWS. What a long poll does (a
// request SQS holds open for up to 20 s, and an abort that must end it at once) is a matter of
// HTTP, which a mock of the SDK's `send` cannot show: so the real SDK client talks SQS's JSON
// protocol to a small server on 127.0.0.1 that holds each ReceiveMessage, or answers it.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqsInboundChannel } from '../../../../src/core/messages/aws/sqs-inbound-channel';

interface Seen {
  target: string | undefined;
  body: Record<string, unknown>;
}

let server: http.Server;
let queueUrl = '';
const seen: Seen[] = [];
/** What the server does with the next ReceiveMessage: hold it, or answer with these bodies. */
let answer: 'hold' | string[] = 'hold';
let onRequest: () => void = () => {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      seen.push({
        target: Array.isArray(target) ? target[0] : target,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      });
      onRequest();
      if (answer === 'hold') return; // as SQS does while no message arrives
      const messages = answer.map((body, i) => ({
        MessageId: `m-${i}`,
        ReceiptHandle: `handle-${i}`,
        Body: body,
        MD5OfBody: createHash('md5').update(body).digest('hex'),
        Attributes: { SentTimestamp: '1765159805123' },
      }));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Messages: messages }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  queueUrl = `http://127.0.0.1:${port}/111122223333/qdn-inbound`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  answer = 'hold';
});

function channel() {
  const client = new SQSClient({
    region: 'us-west-2',
    endpoint: queueUrl.replace(/\/111122223333.*$/, ''),
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'loopback-only' },
    maxAttempts: 1,
  });
  return new SqsInboundChannel(client, { queueUrl, context: { region: 'us-west-2' } });
}

describe('SqsInboundChannel: a long poll over real HTTP', () => {
  it('asks SQS to hold the request for 20 s, and an abort ends the wait at once', async () => {
    const asked = new Promise<void>((resolve) => (onRequest = resolve));
    const controller = new AbortController();
    const started = Date.now();
    const polling = channel().receive({ signal: controller.signal });
    await asked;
    const why = new Error('the console is closing');
    controller.abort(why);
    await expect(polling).rejects.toBe(why);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.target).toBe('AmazonSQS.ReceiveMessage');
    expect(seen[0]!.body).toMatchObject({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
    });
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('closed'));
    await expect(channel().receive({ signal: controller.signal })).rejects.toThrow('closed');
    expect(seen).toHaveLength(0);
  });

  it('reads what SQS answers, through the SDK’s own decoding and checksum', async () => {
    answer = [
      JSON.stringify({
        originationNumber: '+14255550182',
        destinationNumber: '+12125550101',
        messageKeyword: 'KEYWORD_111122223333',
        messageBody: 'Gate code is 4412',
        inboundMessageId: 'in-loopback-1',
      }),
    ];
    const received = await channel().receive({ waitSeconds: 1 });
    expect(received.map((r) => r.event)).toEqual([
      {
        kind: 'reply',
        providerId: 'in-loopback-1',
        from: '+14255550182',
        to: '+12125550101',
        body: 'Gate code is 4412',
        at: new Date(1765159805123).toISOString(),
      },
    ]);
    expect(seen[0]!.body).toMatchObject({ WaitTimeSeconds: 1 });
  });
});
