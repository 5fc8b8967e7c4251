// Twilio cannot be reached from here, so a real HTTP server on 127.0.0.1 stands for its
// Messages API: the sender's own fetch, form body and basic auth cross a real socket, and the
// answers are the shapes Twilio documents (201 with a sid; 400 with a code and message).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TextRefusedError } from '../../../../src/core/messages/messages-ports';
import { TwilioTextSender } from '../../../../src/core/messages/twilio/twilio-text-sender';

interface Seen {
  method: string | undefined;
  path: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

const SID = 'AC0123456789abcdef0123456789abcdef';
let server: http.Server;
let baseUrl = '';
const seen: Seen[] = [];
/** The next answer: a status and JSON body, or 'hold' (never answer). */
let answer: { status: number; body: unknown } | 'hold' = { status: 201, body: {} };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        path: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      });
      if (answer === 'hold') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
  answer = { status: 201, body: { sid: 'SM0123', status: 'queued' } };
});

const text = { id: 't1', to: '+12065550100', body: 'Mark, the truck is on its way: 10:12.' };

function sender(extra: Partial<ConstructorParameters<typeof TwilioTextSender>[0]> = {}) {
  return new TwilioTextSender({
    accountSid: SID,
    authToken: 'loopback-token',
    from: '+12065550152',
    baseUrl,
    ...extra,
  });
}

async function thrownBy(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (err) {
    return err as Error;
  }
  throw new Error('send resolved; a throw was expected');
}

describe('TwilioTextSender: the request', () => {
  it('posts the text as a form to the Messages resource with basic auth, and returns the sid', async () => {
    await expect(sender({ statusCallback: 'https://x.test/cb' }).send(text)).resolves.toEqual({
      providerId: 'SM0123',
    });
    expect(seen).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${SID}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${SID}:loopback-token`).toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        form: {
          To: '+12065550100',
          Body: 'Mark, the truck is on its way: 10:12.',
          From: '+12065550152',
          StatusCallback: 'https://x.test/cb',
        },
      },
    ]);
  });

  it('sends through a Messaging Service when one is set, signed with an API key', async () => {
    await sender({ messagingServiceSid: 'MG42', apiKeySid: 'SK77' }).send(text);
    expect(seen[0]!.form).toEqual({ To: text.to, Body: text.body, MessagingServiceSid: 'MG42' });
    expect(seen[0]!.authorization).toBe(
      `Basic ${Buffer.from('SK77:loopback-token').toString('base64')}`,
    );
  });

  it('will not be made without a sender', () => {
    expect(() => sender({ from: undefined })).toThrow(/need a sender/);
  });
});

describe('TwilioTextSender: refusals', () => {
  const cases: [number, RegExp, boolean][] = [
    [21610, /opted out.*STOP.*START/, true],
    [21211, /not a valid number: correct it on the job/, false],
    [21614, /not a mobile number/, false],
    [21408, /Geo permissions/, false],
    [21608, /trial account/, false],
    [29999, /Twilio refused the text/, false],
  ];
  for (const [code, words, optedOut] of cases) {
    it(`refuses on ${code}${optedOut ? ', as opted out' : ''}`, async () => {
      answer = { status: 400, body: { code, message: `Twilio says ${code}`, status: 400 } };
      const err = await thrownBy(sender().send(text));
      expect(err).toBeInstanceOf(TextRefusedError);
      expect(err.message).toMatch(words);
      expect(err.message).toContain(`(Twilio ${code}: Twilio says ${code})`);
      expect((err as TextRefusedError).optedOut).toBe(optedOut);
    });
  }
});

describe('TwilioTextSender: what stays owed', () => {
  for (const [status, words] of [
    [401, /did not accept the account SID and auth token/],
    [429, /could not take the text now/],
    [503, /could not take the text now/],
  ] as const) {
    it(`a ${status} is not a refusal`, async () => {
      answer = { status, body: { code: 20000 + status, message: 'no', status } };
      const err = await thrownBy(sender().send(text));
      expect(err).not.toBeInstanceOf(TextRefusedError);
      expect(err.message).toMatch(words);
    });
  }

  it('a 201 without a sid is not taken as sent', async () => {
    answer = { status: 201, body: { status: 'queued' } };
    const err = await thrownBy(sender().send(text));
    expect(err).not.toBeInstanceOf(TextRefusedError);
    expect(err.message).toMatch(/without a message sid/);
  });

  it('a Twilio that does not answer leaves the text owed after the time-out', async () => {
    answer = 'hold';
    const started = Date.now();
    const err = await thrownBy(sender({ timeoutMs: 200 }).send(text));
    expect(err).not.toBeInstanceOf(TextRefusedError);
    expect(err.message).toMatch(/Could not reach Twilio \(no answer in time\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('no server at all leaves the text owed, naming why', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await thrownBy(sender({ baseUrl: `http://127.0.0.1:${port}` }).send(text));
    expect(err).not.toBeInstanceOf(TextRefusedError);
    expect(err.message).toMatch(/Could not reach Twilio \(ECONNREFUSED\)/);
  });
});
