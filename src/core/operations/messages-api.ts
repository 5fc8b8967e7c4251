import type { Job } from '../../shared/job';
import type { JobSaved } from '../../shared/jobs/jobs-api';
import type {
  FlushResult,
  MessagesApi,
  MessagesStatus,
  TextListing,
} from '../../shared/messages/messages-api';
import type { TextRecord } from '../../shared/messages/text-record';
import { QdnError } from '../../shared/errors';
import { checkPhone, phoneCountryOf } from '../../shared/phone';
import { smsStatusFor } from '../../shared/sms';
import type { SmsStatus } from '../../shared/settings/settings';
import { dayKeyOf, zonedInstant } from '../../shared/zoned-time';
import type { QdnEventSink } from '../events/event-hub';
import { newJobId } from '../ids/random-ids';
import { addManualText, markRepliesRead } from '../jobs/text-outcomes';
import { OptOutList } from '../messages/opt-outs';
import { quietUntil } from '../messages/quiet-hours';
import { flushAll, flushOne, NO_PROVIDER_REASON } from '../messages/text-flush';
import { isOwedText } from '../jobs/text-append';
import type { FlushDeps, FlushOutcome } from '../messages/text-flush';
import type { Workspace } from '../workspace/open-workspace';
import { textProviderOf, workspaceFlushDeps } from '../workspace/workspace-texts';

/** How the texts calls reach the workspace: its flush deps are read at each call. */
export interface MessagesApiOptions {
  emit?: QdnEventSink;
  by?: () => string | undefined;
  flushDeps?: () => Promise<FlushDeps>;
  now?: () => Date;
}

/**
 * The console's texts calls over one workspace. They span jobs (the texts live on the job) and
 * messages (the sender, opt-outs), so they live on the operations floor.
 */
export function createMessagesApi(ws: Workspace, options: MessagesApiOptions = {}): MessagesApi {
  const now = options.now ?? (() => new Date());
  const by = options.by ?? (() => undefined);
  const deps =
    options.flushDeps ??
    (() => {
      const name = by();
      return workspaceFlushDeps(ws, { now, ...(name ? { by: name } : {}) });
    });
  const emit = options.emit ?? (() => {});

  return {
    listTexts: async (jobId) => {
      const jobs = await ws.repository.list();
      const chosen = jobId ? jobs.filter((j) => j.job_id === jobId) : jobs;
      if (jobId && chosen.length === 0) throw new QdnError('not_found', `No job with id ${jobId}.`);
      const until = quietUntil(now(), ws.config.messages.quiet_hours, ws.config.business.time_zone);
      const noSender = textProviderOf(ws) === null;
      return chosen
        .flatMap((job) => (job.texts ?? []).map((text) => listing(job, text, until, ws, noSender)))
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    },

    sendText: async (jobId, input) => {
      const job = (await ws.repository.list()).find((j) => j.job_id === jobId);
      if (!job) throw new QdnError('not_found', `No job with id ${jobId} on the board.`);
      if (!job.phone) throw new QdnError('bad_request', `${job.customer_name}'s job has no phone.`);
      const phone = checkPhone(job.phone, phoneCountryOf(ws.config.business.phone));
      if (!phone.ok) throw new QdnError('bad_request', `Phone ${phone.message}.`);
      if (await new OptOutList(ws.data).has(phone.e164)) {
        throw new QdnError(
          'bad_request',
          `${job.customer_name} texted STOP: no text goes to ${phone.e164} until they text START.`,
        );
      }
      const template: SmsStatus | null = input.status ?? smsStatusFor(job.status);
      // The flush's own words for a template (the same link, window and clock as it sends with).
      const flushDeps = deps();
      // Typed words need no deps to be written: a failure to make them is the send's, below.
      flushDeps.catch(() => {});
      const body = input.body ?? (template ? (await flushDeps).bodyOf(job, template) : null);
      if (!body) {
        throw new QdnError('bad_request', `No template fits a ${job.status} job: type the text.`);
      }
      const name = by();
      // A template owed already (held in quiet hours, waiting for a provider, failed to reach
      // one): that text goes now, not a second copy beside it, which would go as well later.
      const owed =
        input.body === undefined && template
          ? (job.texts ?? []).find(
              (t) => isOwedText(t) && t.trigger === template && t.for_pickup === job.pickup_date,
            )
          : undefined;
      const text: TextRecord = owed ?? {
        id: newJobId(),
        direction: 'out',
        trigger: input.body !== undefined || !template ? 'manual' : template,
        state: 'pending',
        at: now().toISOString(),
        for_pickup: job.pickup_date,
        to: phone.e164,
        body,
        ...(name ? { by: name.slice(0, 100) } : {}),
      };
      const added = owed
        ? { result: job }
        : await ws.jobs.saveUnpublished(addManualText(jobId, text));
      const outcome: FlushOutcome = {
        result: { sent: 0, held: 0, failed: 0, skipped: 0 },
        changed: [],
        heldUntil: null,
        problems: [],
      };
      try {
        await flushOne(await flushDeps, added.result, text, outcome, { manual: true });
      } catch (err) {
        outcome.problems.push(err instanceof Error ? err.message : String(err));
      }
      const saved = outcome.changed.find((j) => j.job_id === jobId) ?? added.result;
      const sent = saved.texts?.find((t) => t.id === text.id);
      if (sent?.state === 'sent') return { job: saved, warning: null };
      const why = sent?.reason ?? outcome.problems[0] ?? 'it is still owed';
      return { job: saved, warning: `The text did not go: ${why}.` };
    },

    flushTexts: async (): Promise<FlushResult> => {
      const outcome = await flushAll(await deps());
      if (outcome.changed.length > 0) emit('textsChanged', { jobs: outcome.changed });
      return outcome.result;
    },

    getMessagesStatus: async (): Promise<MessagesStatus> => {
      const provider = textProviderOf(ws);
      const zone = ws.config.business.time_zone;
      const monthStart = zonedInstant(`${dayKeyOf(now(), zone).slice(0, 8)}01`, 0, 0, zone);
      let texts = 0;
      let segments = 0;
      for (const job of await ws.repository.list()) {
        for (const t of job.texts ?? []) {
          if (t.direction !== 'out' || !t.sent_at || Date.parse(t.sent_at) < monthStart.getTime()) {
            continue;
          }
          texts += 1;
          segments += t.segments ?? 0;
        }
      }
      const site = provider === 'sandbox' ? await ws.publicSite() : null;
      return {
        provider,
        phone_url: site ? `${site.url}/__phone/` : null,
        month_texts: texts,
        month_segments: segments,
        opted_out: (await new OptOutList(ws.data).list()).map((o) => o.number),
      };
    },

    markTextsRead: async (jobId): Promise<JobSaved> => {
      const saved = await ws.jobs.saveUnpublished(markRepliesRead(jobId, now()));
      return { job: saved.result, warning: null };
    },
  };
}

function listing(
  job: Job,
  text: TextRecord,
  quietEnd: Date | null,
  ws: Workspace,
  noSender: boolean,
): TextListing {
  const held = text.state === 'pending' && quietEnd !== null;
  const waiting = text.state === 'pending' && noSender ? NO_PROVIDER_REASON : null;
  return {
    id: text.id,
    job_id: job.job_id,
    customer_name: job.customer_name,
    direction: text.direction,
    to: text.direction === 'out' ? (text.to ?? null) : (text.from ?? null),
    body: text.body ?? null,
    trigger: text.trigger,
    status: held ? 'held' : text.state,
    segments: text.segments ?? null,
    at: text.sent_at ?? text.at,
    reason: held
      ? `quiet hours until ${clockOf(quietEnd, ws.config.business.time_zone)}`
      : (waiting ?? text.reason ?? null),
  };
}

function clockOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(
    instant,
  );
}
