// Why a mock: no machine here can reach AWS, and no local server speaks End User Messaging
// SMS. aws-sdk-client-mock stands in for the service at the SDK's `send`, so these tests check
// what we send (the request's fields) and what we make of each documented error; they cannot
// check AWS itself, which the README's setup steps are for.
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsTextSender } from '../../../../src/core/messages/aws/aws-text-sender';
import { TextRefusedError } from '../../../../src/core/messages/messages-ports';
import { QdnError } from '../../../../src/shared/errors';

const smsMock = mockClient(PinpointSMSVoiceV2Client);
const meta = { $metadata: { httpStatusCode: 400 } };
const text = { id: 'txt_0001', to: '+12065550100', body: 'Mark, the truck is on its way.' };

function sender(extra: { configurationSet?: string; maxPricePerMessage?: number } = {}) {
  return new AwsTextSender(new PinpointSMSVoiceV2Client({ region: 'us-west-2' }), {
    originationIdentity: 'phone-0123456789abcdef',
    context: { region: 'us-west-2', profile: 'dispatch' },
    ...extra,
  });
}

/** What send threw, for the assertions to read. */
async function thrownBy(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('send resolved; a throw was expected');
}

beforeEach(() => smsMock.reset());
afterEach(() => smsMock.reset());

describe('AwsTextSender: the request', () => {
  it('sends one TRANSACTIONAL text from the identity, through the configuration set, and returns its MessageId', async () => {
    smsMock.on(SendTextMessageCommand).resolves({ MessageId: 'msg-862a8790' });
    const accepted = await sender({ configurationSet: 'qdn-texts' }).send(text);
    expect(accepted).toEqual({ providerId: 'msg-862a8790' });
    const calls = smsMock.commandCalls(SendTextMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      DestinationPhoneNumber: '+12065550100',
      OriginationIdentity: 'phone-0123456789abcdef',
      MessageBody: 'Mark, the truck is on its way.',
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'qdn-texts',
      Context: { qdn_text_id: 'txt_0001' },
    });
  });

  it('names no configuration set when none is set, and caps the price when one is', async () => {
    smsMock.on(SendTextMessageCommand).resolves({ MessageId: 'm1' });
    await sender({ maxPricePerMessage: 0.02 }).send(text);
    const input = smsMock.commandCalls(SendTextMessageCommand)[0]!.args[0].input;
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input.MaxPrice).toBe('0.02');
  });

  it('leaves the text owed when AWS answers without a MessageId', async () => {
    smsMock.on(SendTextMessageCommand).resolves({});
    const err = await thrownBy(sender().send(text));
    expect(err).not.toBeInstanceOf(TextRefusedError);
    expect(String(err)).toMatch(/without a MessageId/);
  });
});

describe('AwsTextSender: refusals no retry changes', () => {
  const cases: { name: string; error: Error; words: RegExp; optedOut?: boolean }[] = [
    {
      name: 'an opted-out destination',
      error: new ConflictException({
        message: 'opted out',
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        ...meta,
      }),
      words: /opted out .*texted STOP.*START/,
      optedOut: true,
    },
    {
      name: 'an unverified number while the account is in the SMS sandbox',
      error: new ConflictException({
        message: 'not verified',
        Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
        ...meta,
      }),
      words: /SMS sandbox.*verify/,
    },
    {
      name: 'a number whose registration is not complete',
      error: new ConflictException({
        message: 'registration',
        Reason: 'REGISTRATION_NOT_COMPLETE',
        ...meta,
      }),
      words: /phone-0123456789abcdef may not send yet.*10DLC.*toll-free/,
    },
    {
      name: 'an identity that cannot send transactional texts there',
      error: new ConflictException({ message: 'x', Reason: 'MESSAGE_TYPE_MISMATCH', ...meta }),
      words: /cannot send this text.*origination_identity/,
    },
    {
      name: 'an invalid destination number',
      error: new ValidationException({
        message: 'Invalid parameter',
        Reason: 'INVALID_PARAMETER',
        Fields: [{ Name: 'DestinationPhoneNumber', Message: 'not E.164' }],
        ...meta,
      }),
      words: /phone number is not a number AWS can text: correct it on the job/,
    },
    {
      name: 'a blocked destination country',
      error: new ValidationException({
        message: 'blocked',
        Reason: 'DESTINATION_COUNTRY_BLOCKED',
        ...meta,
      }),
      words: /may not text the customer's country/,
    },
    {
      name: 'a sender id that needs registration',
      error: new ValidationException({
        message: 'sender id',
        Reason: 'SENDER_ID_REQUIRES_REGISTRATION',
        ...meta,
      }),
      words: /not registered/,
    },
    {
      name: 'a price over max_price_per_message',
      error: new ValidationException({ message: 'p', Reason: 'PRICE_OVER_THRESHOLD', ...meta }),
      words: /max_price_per_message/,
    },
    {
      name: 'a suspended account (AccessDenied with a reason)',
      error: new AccessDeniedException({
        message: 'reputation',
        Reason: 'INSUFFICIENT_ACCOUNT_REPUTATION',
        $metadata: { httpStatusCode: 403 },
      }),
      words: /paused texting.*AWS Support/,
    },
    {
      name: "the month's spend limit",
      error: new ServiceQuotaExceededException({
        message: 'spend',
        Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
        ...meta,
      }),
      words: /spend limit is reached: raise it/,
    },
    {
      name: 'a configuration set that does not exist',
      error: new ResourceNotFoundException({
        message: 'not found',
        ResourceType: 'configuration-set',
        ResourceId: 'qdn-texts',
        $metadata: { httpStatusCode: 404 },
      }),
      words: /no configuration set qdn-texts: check messages\.aws in config\.json/,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      smsMock.on(SendTextMessageCommand).rejects(c.error);
      const err = await thrownBy(sender().send(text));
      expect(err).toBeInstanceOf(TextRefusedError);
      const refused = err as TextRefusedError;
      expect(refused.message).toMatch(c.words);
      expect(refused.optedOut).toBe(c.optedOut ?? false);
    });
  }
});

describe('AwsTextSender: what stays owed (thrown as it is, or in plain words)', () => {
  it('rethrows throttling and AWS faults unchanged', async () => {
    const throttled = new ThrottlingException({ message: 'Rate exceeded', ...meta });
    smsMock.on(SendTextMessageCommand).rejects(throttled);
    expect(await thrownBy(sender().send(text))).toBe(throttled);
    smsMock.reset();
    const internal = new InternalServerException({
      message: 'oops',
      $metadata: { httpStatusCode: 500 },
    });
    smsMock.on(SendTextMessageCommand).rejects(internal);
    expect(await thrownBy(sender().send(text))).toBe(internal);
  });

  it('says "no network" when AWS cannot be reached', async () => {
    smsMock
      .on(SendTextMessageCommand)
      .rejects(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const err = await thrownBy(sender().send(text));
    expect(err).toBeInstanceOf(QdnError);
    expect((err as QdnError).code).toBe('no_network');
    expect((err as QdnError).message).toMatch(/End User Messaging SMS in us-west-2/);
  });

  it('names the IAM action when permission is missing (AccessDenied without a reason)', async () => {
    smsMock.on(SendTextMessageCommand).rejects(
      new AccessDeniedException({
        message: 'User is not authorized to perform: sms-voice:SendTextMessage',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const err = await thrownBy(sender().send(text));
    expect(err).not.toBeInstanceOf(TextRefusedError);
    expect((err as QdnError).code).toBe('access_denied');
    expect((err as QdnError).message).toMatch(
      /grant sms-voice:SendTextMessage to the identity of profile dispatch/,
    );
  });

  it('asks for a new sign-in when the SSO session has expired', async () => {
    smsMock
      .on(SendTextMessageCommand)
      .rejects(Object.assign(new Error('Token is expired'), { name: 'ExpiredTokenException' }));
    const err = await thrownBy(sender().send(text));
    expect((err as QdnError).code).toBe('aws_sign_in');
    expect((err as QdnError).message).toMatch(/aws sso login --profile dispatch/);
  });
});
