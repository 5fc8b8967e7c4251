// Why a mock: no machine here can reach AWS. aws-sdk-client-mock stands in for End User
// Messaging SMS and SQS at the SDK's `send`, so this checks what the factory configures from
// config.json (identity, configuration set, queue, region), not AWS itself.
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsMessaging, queueRegionOf } from '../../../../src/core/messages/aws/aws-messages';
import { messagesSettingsSchema } from '../../../../src/shared/messages/messages-settings';

const smsMock = mockClient(PinpointSMSVoiceV2Client);
const sqsMock = mockClient(SQSClient);
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

beforeEach(() => {
  smsMock.reset();
  sqsMock.reset();
});
afterEach(() => {
  smsMock.reset();
  sqsMock.reset();
});

/** config.json's messages block, through its own schema. */
function awsSettings(aws: Record<string, unknown>) {
  const parsed = messagesSettingsSchema.parse({ provider: 'aws', aws });
  if (!parsed.aws) throw new Error('no aws block');
  return parsed.aws;
}

describe('createAwsMessaging', () => {
  it('sends from the configured identity through the configured set, in the set region', async () => {
    smsMock.on(SendTextMessageCommand).resolves({ MessageId: 'msg-1' });
    const { sender, inbound } = createAwsMessaging(
      awsSettings({
        origination_identity: '+12065550152',
        configuration_set: 'qdn-texts',
        region: 'us-west-2',
      }),
      { region: 'us-east-1', credentials, profile: 'dispatch' },
    );
    expect(sender.name).toBe('aws');
    expect(inbound).toBeNull();
    await expect(sender.send({ id: 't1', to: '+14255550156', body: 'Hi' })).resolves.toEqual({
      providerId: 'msg-1',
    });
    const call = smsMock.commandCalls(SendTextMessageCommand)[0]!;
    expect(call.args[0].input).toMatchObject({
      OriginationIdentity: '+12065550152',
      ConfigurationSetName: 'qdn-texts',
      MessageType: 'TRANSACTIONAL',
    });
    const client = call.thisValue as PinpointSMSVoiceV2Client;
    expect(await client.config.region()).toBe('us-west-2');
  });

  it('polls the queue of inbound_queue_url, in the region its URL names', async () => {
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/111122223333/qdn-inbound';
    const { inbound } = createAwsMessaging(
      awsSettings({ origination_identity: 'pool-0123', inbound_queue_url: queueUrl }),
      { region: 'us-east-1', credentials },
    );
    expect(inbound).not.toBeNull();
    await expect(inbound!.receive({ waitSeconds: 0 })).resolves.toEqual([]);
    const call = sqsMock.commandCalls(ReceiveMessageCommand)[0]!;
    expect(call.args[0].input.QueueUrl).toBe(queueUrl);
    expect(await (call.thisValue as SQSClient).config.region()).toBe('eu-west-1');
  });

  it('finds a queue URL’s region, or none for another host', () => {
    expect(queueRegionOf('https://sqs.ap-southeast-2.amazonaws.com/1/q')).toBe('ap-southeast-2');
    expect(queueRegionOf('https://sqs.cn-north-1.amazonaws.com.cn/1/q')).toBe('cn-north-1');
    expect(queueRegionOf('http://127.0.0.1:9324/1/q')).toBeNull();
    expect(queueRegionOf('not a url')).toBeNull();
  });
});
