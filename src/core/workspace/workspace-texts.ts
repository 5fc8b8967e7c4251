import type { Job } from '../../shared/job';
import type { SmsStatus } from '../../shared/settings/settings';
import { smsForJob } from '../../shared/sms';
import { buildTrackingUrl } from '../../shared/tracking-link';
import type { FlushDeps } from '../messages/text-flush';
import type { TextSender } from '../messages/messages-ports';
import { OptOutList } from '../messages/opt-outs';
import { SandboxPhoneSender } from '../messages/sandbox-phone-sender';
import { awsMessagingOf } from './aws-messaging';
import type { Workspace } from './open-workspace';

/**
 * Who carries this workspace's texts: the sandbox's phone on a sandbox (unless another provider
 * is named), the AWS sender once `messages.aws` is set, else nobody (texts wait, with a reason).
 */
export async function textSenderOf(ws: Workspace): Promise<TextSender | null> {
  const { messages } = ws.config;
  const provider = messages.provider ?? (ws.config.mode === 'sandbox' ? 'sandbox' : 'aws');
  if (provider === 'sandbox') return new SandboxPhoneSender(ws.data);
  if (provider === 'aws' && messages.aws) return (await awsMessagingOf(ws)).sender;
  return null;
}

/** The provider's name the console shows, or null when texts are not sent. */
export function textProviderOf(ws: Workspace): 'sandbox' | 'aws' | 'twilio' | null {
  const { messages } = ws.config;
  const provider = messages.provider ?? (ws.config.mode === 'sandbox' ? 'sandbox' : 'aws');
  if (provider === 'sandbox') return 'sandbox';
  if (provider === 'aws' && messages.aws) return 'aws';
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
