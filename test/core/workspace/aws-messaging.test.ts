// Why a mock: no machine here can reach AWS. aws-sdk-client-mock stands in for End User
// Messaging SMS and SQS at the SDK's `send`, so this checks how the adapters plug into the
// workspace's composition (which sender and channel a config.json gets), not AWS itself.
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceConfigSchema } from '../../../src/core/config/workspace-config';
import { awsMessagingOf } from '../../../src/core/workspace/aws-messaging';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { inboundChannelOf } from '../../../src/core/workspace/workspace-inbound';
import { textProviderOf, textSenderOf } from '../../../src/core/workspace/workspace-texts';

const smsMock = mockClient(PinpointSMSVoiceV2Client);
const sqsMock = mockClient(SQSClient);
const QUEUE = 'https://sqs.us-west-2.amazonaws.com/111122223333/qdn-inbound';

/** An AWS workspace as config.json makes it; only `config` is read on this path. */
function workspace(aws: Record<string, unknown>): Workspace {
  const config = workspaceConfigSchema.parse({
    mode: 'aws',
    profile: 'dispatch',
    region: 'us-east-1',
    data: { bucket: 'qdn-data' },
    staging: { bucket: 'qdn-staging' },
    prod: { bucket: 'qdn-prod', public_base_url: 'https://quickdumpnow.com' },
    messages: { provider: 'aws', aws },
  });
  return { config } as Workspace;
}

beforeEach(() => {
  smsMock.reset();
  sqsMock.reset();
});
afterEach(() => {
  smsMock.reset();
  sqsMock.reset();
});

describe("the composition's AWS messaging", () => {
  it('gives an AWS workspace the AWS sender, in its region, and its queue', async () => {
    const ws = workspace({ origination_identity: 'pool-0123', inbound_queue_url: QUEUE });
    expect(textProviderOf(ws)).toBe('aws');

    smsMock.on(SendTextMessageCommand).resolves({ MessageId: 'msg-1' });
    const sender = await textSenderOf(ws);
    expect(sender?.name).toBe('aws');
    await expect(sender!.send({ id: 't1', to: '+14255550156', body: 'Hi' })).resolves.toEqual({
      providerId: 'msg-1',
    });
    const sent = smsMock.commandCalls(SendTextMessageCommand)[0]!;
    expect(sent.args[0].input.OriginationIdentity).toBe('pool-0123');
    expect(await (sent.thisValue as PinpointSMSVoiceV2Client).config.region()).toBe('us-east-1');

    sqsMock.on(ReceiveMessageCommand).resolves({});
    const channel = await inboundChannelOf(ws);
    await expect(channel!.receive({ waitSeconds: 0 })).resolves.toEqual([]);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.QueueUrl).toBe(QUEUE);
  });

  it('makes the adapters once per config, and anew for a changed one', async () => {
    const ws = workspace({ origination_identity: 'pool-0123' });
    const first = await awsMessagingOf(ws);
    expect(await awsMessagingOf(ws)).toBe(first);
    expect(first.inbound).toBeNull();
    const changed = workspace({ origination_identity: 'pool-0456' });
    expect(await awsMessagingOf(changed)).not.toBe(first);
  });

  it('has no channel for a workspace without a queue', async () => {
    await expect(inboundChannelOf(workspace({ origination_identity: 'pool-0123' }))).resolves.toBe(
      null,
    );
  });
});
