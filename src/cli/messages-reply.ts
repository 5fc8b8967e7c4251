import { parseArgs } from 'node:util';
import { QdnError } from '../shared/errors';
import { phoneCountryOf, phoneForLink } from '../shared/phone';
import { queueTesterReply } from '../core/messages/sandbox-phone-page';
import { listUnmatched } from '../core/messages/inbound-recorder';
import { SandboxInboundChannel } from '../core/messages/sandbox-inbound-channel';
import { inboundRecorderOf } from '../core/workspace/workspace-inbound';
import { UsageError } from './cli-error';
import type { Print, WorkspaceCommand } from './workspace-command';

const MESSAGES_REPLY_USAGE = 'usage: qdn messages reply --from PHONE --text TEXT';

/**
 * `qdn messages reply --from PHONE --text TEXT`, sandbox only: a customer's reply, put in the
 * sandbox's queue as the number's two-way channel would bring it (the phone page's reply box
 * does the same), then one receive pass, so `qdn messages list` shows it with no console
 * running. Prints where it landed: its job(s), or `unmatched` when no job has the number
 * (neither: it is still queued behind older events, and the console's poller records it).
 */
export function parseMessagesReply(args: string[], print: Print): WorkspaceCommand {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, text: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.from === undefined || values.text === undefined) {
    throw new UsageError(MESSAGES_REPLY_USAGE);
  }
  const fields = { from: values.from, text: values.text };
  return async (ws) => {
    if (ws.config.mode !== 'sandbox') {
      throw new QdnError(
        'bad_request',
        "qdn messages reply stands in for a customer's phone on the sandbox only: on AWS, replies come from real phones, through the number's SQS queue.",
      );
    }
    const { business } = ws.config;
    const country = phoneCountryOf(business.phone);
    const ourNumber = business.phone ? phoneForLink(business.phone, country) : null;
    const queued = await queueTesterReply(
      { data: ws.data, country, ...(ourNumber ? { ourNumber } : {}) },
      fields,
    );
    if (!queued.ok) throw new QdnError('bad_request', queued.message);
    const pass = await inboundRecorderOf(ws).pass(new SandboxInboundChannel(ws.data));
    const landed = pass.changed.filter((job) =>
      (job.texts ?? []).some(
        (t) => t.direction === 'in' && t.provider_id === queued.event.providerId,
      ),
    );
    print({
      reply: {
        provider_id: queued.event.providerId,
        from: queued.event.from,
        text: queued.event.body,
        at: queued.event.at,
      },
      job_ids: landed.map((job) => job.job_id),
      // Not on a job: kept aside (no job has the number), or still queued behind older events.
      unmatched:
        landed.length === 0 &&
        (await listUnmatched(ws.data)).some(
          (kept) => kept.event.providerId === queued.event.providerId,
        ),
    });
  };
}
