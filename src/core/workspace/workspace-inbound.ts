import type { Job } from '../../shared/job';
import { phoneCountryOf } from '../../shared/phone';
import { InboundRecorder } from '../messages/inbound-recorder';
import { startInboundPoller } from '../messages/inbound-poller';
import type { InboundPoller } from '../messages/inbound-poller';
import type { InboundChannel } from '../messages/messages-ports';
import { OptOutList } from '../messages/opt-outs';
import { SandboxInboundChannel } from '../messages/sandbox-inbound-channel';
import { awsMessagingOf } from './aws-messaging';
import type { Workspace } from './open-workspace';
import { namedTextProvider } from './workspace-texts';

/** How often the sandbox's folder is looked at; SQS waits in its receive instead. */
export const SANDBOX_POLL_MS = 1000;
const SQS_WAIT_SECONDS = 20;
/** How long the sandbox's queue hides an event handed over and not acked (SQS's default: 30 s). */
const SANDBOX_VISIBILITY_MS = 30_000;

/** Where this workspace's inbound texts wait, or null (AWS with no queue set up: none come). */
export async function inboundChannelOf(ws: Workspace): Promise<InboundChannel | null> {
  const provider = namedTextProvider(ws.config);
  if (provider === 'sandbox') {
    return new SandboxInboundChannel(ws.data, { visibilityMs: SANDBOX_VISIBILITY_MS });
  }
  if (provider === 'aws' && ws.config.messages.aws?.inbound_queue_url) {
    return (await awsMessagingOf(ws)).inbound;
  }
  return null;
}

/** The recorder of this workspace: its jobs, its opt-out list, its business's country. */
export function inboundRecorderOf(ws: Workspace, now?: () => Date): InboundRecorder {
  return new InboundRecorder({
    // Through the service, so this console's jobs watcher knows these writes as its own (the
    // window hears them as textsChanged, not again as jobsChanged).
    jobs: { list: () => ws.repository.list(), update: (change) => ws.jobs.saveUnpublished(change) },
    data: ws.data,
    optOuts: new OptOutList(ws.data),
    country: phoneCountryOf(ws.config.business.phone),
    ...(now ? { now } : {}),
  });
}

/**
 * The console's poller of customers' texts and delivery reports, started with its session:
 * every second on the sandbox, long polling on SQS. Null when no channel is set up.
 */
export async function startWorkspaceInbound(
  ws: Workspace,
  onChanged: (jobs: Job[]) => void,
  warn: (message: string) => void,
  intervalMs?: number,
): Promise<InboundPoller | null> {
  const channel = await inboundChannelOf(ws);
  if (!channel) return null;
  const sandbox = channel instanceof SandboxInboundChannel;
  return startInboundPoller({
    recorder: inboundRecorderOf(ws),
    channel,
    intervalMs: intervalMs ?? (sandbox ? SANDBOX_POLL_MS : 0),
    ...(sandbox ? {} : { waitSeconds: SQS_WAIT_SECONDS }),
    onChanged,
    warn,
  });
}
