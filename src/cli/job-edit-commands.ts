import { parseArgs } from 'node:util';
import { QdnError } from '../shared/errors';
import { JOB_ID_PATTERN } from '../shared/job';
import { jobChangesSchema } from '../shared/jobs/job-edit';
import { phoneCountryOf } from '../shared/phone';
import { SMS_STATUSES } from '../shared/settings/settings';
import type { SmsStatus } from '../shared/settings/settings';
import { smsForJob, smsHref } from '../shared/sms';
import { STATUS_LABELS } from '../shared/status-flow';
import { buildTrackingUrl } from '../shared/tracking-link';
import { changeJobLink } from '../core/operations/link-change';
import { PastPickupError } from '../core/jobs/job-field-checks';
import { workspaceActor } from '../core/jobs/workspace-job-rules';
import { UsageError } from './cli-error';
import {
  fieldValue,
  flagIssues,
  JOB_FLAG_OPTIONS,
  jobFlagsGiven,
  parseJobIdOnly,
  pickupFlag,
  takeJobId,
} from './job-args';
import { linkBase, printSaved } from './job-output';
import type { Print, WorkspaceCommand } from './workspace-command';

/**
 * `qdn job edit|revoke|rotate|sms`: what the console's job panel does, for scripts (issue 8
 * §11). Arguments are checked before any workspace is opened, as for the other job commands.
 */
export function parseJobEditCommand(
  sub: 'edit' | 'revoke' | 'rotate' | 'sms',
  args: string[],
  print: Print,
  timeZone: string,
): WorkspaceCommand {
  switch (sub) {
    case 'edit':
      return parseEdit(args, print, timeZone);
    case 'revoke':
    case 'rotate': {
      const jobId = parseJobIdOnly(args, `qdn job ${sub} JOB_ID`);
      return async (ws) => {
        const saved = await changeJobLink(ws, sub, jobId, workspaceActor(ws.config, 'cli'));
        printSaved(saved, await linkBase(ws), print);
      };
    }
    case 'sms':
      return parseSms(args, print);
  }
}

const EDIT_USAGE =
  'qdn job edit JOB_ID [--name N] [--address A] [--pickup ISO] [--pickup-end ISO] [--price N] [--currency C] [--phone P] [--email E] [--service S] [--notes T] [--assign NAME] [--no-texts|--texts] [--paid [WHEN]|--unpaid] [--allow-past]';

/** `--paid` alone means now: parseArgs has no optional values, so a bare one is given this. */
const PAID_NOW = '\u0000now';

/**
 * `--paid` takes a WHEN only when one follows it: the next argument is no flag and no job id
 * (`qdn job edit --paid JOB_ID` is paid now).
 */
function withPaidValue(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg !== '--paid') {
      out.push(arg);
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('-') && !JOB_ID_PATTERN.test(next)) {
      out.push(`--paid=${next}`);
      i++;
    } else {
      out.push(`--paid=${PAID_NOW}`);
    }
  }
  return out;
}

const SWITCH_OPTIONS = {
  'no-texts': { type: 'boolean' },
  texts: { type: 'boolean' },
  paid: { type: 'string' },
  unpaid: { type: 'boolean' },
} as const;

/** The job panel's switches as changes: texts off/on, paid (now or WHEN, on the business's clocks). */
function switchChanges(
  values: { 'no-texts'?: boolean; texts?: boolean; paid?: string; unpaid?: boolean },
  timeZone: string,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (values['no-texts'] && values.texts) {
    throw new UsageError('--texts and --no-texts cannot both be given');
  }
  if (values['no-texts']) changes.no_texts = true;
  if (values.texts) changes.no_texts = false;
  if (values.paid !== undefined && values.unpaid) {
    throw new UsageError('--paid and --unpaid cannot both be given');
  }
  if (values.paid !== undefined) {
    changes.paid_at =
      values.paid === PAID_NOW
        ? new Date().toISOString()
        : pickupFlag('paid', values.paid, timeZone);
  }
  if (values.unpaid) changes.paid_at = null;
  return changes;
}

function parseEdit(args: string[], print: Print, timeZone: string): WorkspaceCommand {
  const { values, positionals } = parseArgs({
    args: withPaidValue(args),
    options: { ...JOB_FLAG_OPTIONS, ...SWITCH_OPTIONS },
    allowPositionals: true,
    strict: true,
  });
  const jobId = takeJobId(positionals, EDIT_USAGE);
  const changes: Record<string, unknown> = switchChanges(values, timeZone);
  for (const { flag, spec, text } of jobFlagsGiven(values)) {
    // An empty value clears an optional field.
    if (text.trim() === '') {
      if (!('clearable' in spec)) throw new UsageError(`--${flag} cannot be empty`);
      changes[spec.field] = null;
    } else {
      changes[spec.field] = fieldValue(flag, spec, text, timeZone);
    }
  }
  if (Object.keys(changes).length === 0) {
    throw new UsageError(`nothing to change; usage: ${EDIT_USAGE}`);
  }
  const checked = jobChangesSchema.safeParse(changes);
  if (!checked.success) {
    throw new UsageError(flagIssues(checked.error.issues));
  }
  const edit = {
    changes: checked.data,
    ...(values['allow-past'] ? { allow_past_pickup: true } : {}),
  };
  return async (ws) => {
    try {
      printSaved(
        await ws.jobs.editJob(jobId, edit, workspaceActor(ws.config, 'cli')),
        await linkBase(ws),
        print,
      );
    } catch (err) {
      if (err instanceof PastPickupError) {
        throw new QdnError('bad_request', `${err.message} (pass --allow-past to keep it)`);
      }
      throw err;
    }
  };
}

function parseSms(args: string[], print: Print): WorkspaceCommand {
  const { values, positionals } = parseArgs({
    args,
    options: { status: { type: 'string' }, plain: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const jobId = takeJobId(
    positionals,
    `qdn job sms JOB_ID [--status ${SMS_STATUSES.join('|')}] [--plain]`,
  );
  const status = values.status;
  if (status !== undefined && !(SMS_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status must be one of ${SMS_STATUSES.join(', ')}, got "${status}"`);
  }
  return async (ws) => {
    const job = (await ws.jobs.listJobs()).find((j) => j.job_id === jobId);
    if (!job) throw new QdnError('not_found', `No job with id ${jobId} on the board.`);
    const link = buildTrackingUrl(await linkBase(ws), job.tracking_token);
    const { business, sms_templates: templates } = ws.config;
    const text = smsForJob(job, { business, templates, link }, status as SmsStatus | undefined);
    if (text === null) {
      throw new QdnError(
        'bad_request',
        `A ${STATUS_LABELS[job.status].toLowerCase()} job has no text template; choose one with --status ${SMS_STATUSES.join('|')}.`,
      );
    }
    if (job.token_revoked_at) {
      process.stderr.write(
        'qdn: this job’s link is revoked; `qdn job rotate` gives it a new one.\n',
      );
    }
    if (values.plain) {
      process.stdout.write(`${text}\n`);
      return;
    }
    const href = job.phone ? smsHref(job.phone, text, phoneCountryOf(business.phone)) : null;
    print({
      job_id: job.job_id,
      status: status ?? job.status,
      text,
      sms_href: href,
      tracking_url: link,
    });
  };
}
