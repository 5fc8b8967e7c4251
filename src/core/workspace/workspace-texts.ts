import type { Job } from '../../shared/job';
import type { MessagesSettings } from '../../shared/messages/messages-settings';
import type { SmsStatus } from '../../shared/settings/settings';
import { smsForJob } from '../../shared/sms';
import { buildTrackingUrl } from '../../shared/tracking-link';
import type { FlushDeps } from '../messages/text-flush';
import type { TextSender } from '../messages/messages-ports';
import { OptOutList } from '../messages/opt-outs';
import { SandboxPhoneSender } from '../messages/sandbox-phone-sender';
import { awsMessagingOf } from './aws-messaging';
import type { WorkspaceConfig } from '../config/workspace-config';
import type { Workspace } from './open-workspace';

type TextProvider = NonNullable<MessagesSettings['provider']>;

/**
 * The provider config.json names, else the mode's own: a sandbox texts its phone, an AWS
 * workspace texts through AWS (once `messages.aws` is set up).
 */
export function namedTextProvider(
  config: Pick<WorkspaceConfig, 'mode' | 'messages'>,
): TextProvider {
  return config.messages.provider ?? (config.mode === 'sandbox' ? 'sandbox' : 'aws');
}

/**
 * The provider that actually carries this workspace's texts, or null when the one named is not
 * set up (AWS without `messages.aws`; Twilio, which has no settings to send with yet): texts
 * then wait, with a reason.
 */
export function textProviderOf(ws: Pick<Workspace, 'config'>): 'sandbox' | 'aws' | null {
  const provider = namedTextProvider(ws.config);
  if (provider === 'sandbox') return 'sandbox';
  if (provider === 'aws' && ws.config.messages.aws) return 'aws';
  return null;
}

/** Who carries this workspace's texts (see textProviderOf), made for this workspace. */
export async function textSenderOf(ws: Workspace): Promise<TextSender | null> {
  const provider = textProviderOf(ws);
  if (provider === 'sandbox') return new SandboxPhoneSender(ws.data);
  if (provider === 'aws') return (await awsMessagingOf(ws)).sender;
  return null;
}

/**
 * Everything a flush needs from this workspace, read now (Settings may have changed templates,
 * quiet hours or the provider since the last flush). The tracking link is the console's: the
 * public site's base URL and the job's token.
 */
export async function workspaceFlushDeps(
  ws: Workspace,
  options: { by?: string; now?: () => Date; sender?: TextSender | null } = {},
): Promise<FlushDeps> {
  const [base, sender] = await Promise.all([
    ws.publicBaseUrl(),
    options.sender !== undefined ? Promise.resolve(options.sender) : textSenderOf(ws),
  ]);
  const { business, sms_templates: templates, messages } = ws.config;
  const now = options.now ?? (() => new Date());
  return {
    // Outcomes are written through the service, so this console's watcher knows them as its own.
    jobs: { list: () => ws.repository.list(), update: (change) => ws.jobs.saveUnpublished(change) },
    data: ws.data,
    sender,
    optOuts: new OptOutList(ws.data),
    settings: messages,
    timeZone: business.time_zone,
    bodyOf: (job: Job, template: SmsStatus) =>
      smsForJob(
        job,
        { business, templates, link: buildTrackingUrl(base, job.tracking_token), now: now() },
        template,
      ),
    now,
    ...(options.by ? { by: options.by } : {}),
  };
}
