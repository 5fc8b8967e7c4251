import type { WorkspaceConfig } from '../config/workspace-config';
import type { AwsMessaging } from '../messages/aws/aws-messages';
import type { SkippedInbound } from '../messages/aws/sqs-inbound-channel';
import type { Workspace } from './open-workspace';

/**
 * The AWS adapters (src/core/messages/aws/) of a workspace whose config.json has
 * `messages.aws`, for the composition's sender and inbound channel (workspace-texts.ts,
 * workspace-inbound.ts). The SDK clients load only when a workspace first needs them, as
 * open-workspace.ts loads the S3 client: a sandbox never pays for them.
 *
 * Made once per config: a flush every minute and a poll every 20 s ask for
 * them, and Settings' save opens a new config (so new clients) when anything changes.
 */
const made = new WeakMap<WorkspaceConfig, Promise<AwsMessaging>>();

/** This workspace's AWS messaging, with the credentials of its profile (or the default chain). */
export function awsMessagingOf(
  ws: Pick<Workspace, 'config'>,
  options: { onSkipped?: (skipped: SkippedInbound) => void } = {},
): Promise<AwsMessaging> {
  const known = made.get(ws.config);
  if (known) return known;
  const making = make(ws.config, options);
  made.set(ws.config, making);
  // A failed start (a bad profile) is not kept: the next call tries again.
  making.catch(() => made.delete(ws.config));
  return making;
}

async function make(
  config: WorkspaceConfig,
  options: { onSkipped?: (skipped: SkippedInbound) => void },
): Promise<AwsMessaging> {
  const settings = config.messages.aws;
  if (!settings) throw new Error('config.json names no messages.aws');
  const profile = config.mode === 'aws' ? config.profile : undefined;
  // Loaded on demand, as open-workspace.ts loads the S3 client: a sandbox never pays for them.
  const [{ createAwsMessaging }, credentials] = await Promise.all([
    import('../messages/aws/aws-messages'),
    profile
      ? import('@aws-sdk/credential-providers').then(({ fromIni }) => fromIni({ profile }))
      : Promise.resolve(undefined),
  ]);
  return createAwsMessaging(settings, {
    region: config.mode === 'aws' ? config.region : 'us-east-1',
    ...(credentials ? { credentials } : {}),
    ...(profile ? { profile } : {}),
    ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}),
  });
}
