import { parseArgs } from 'node:util';
import { jobStatusSchema, newJobInputSchema } from '../shared/job';
import { versionIdSchema } from '../shared/jobs/jobs-args';
import type { NewJobInput } from '../shared/job';
import { moveReasonSchema } from '../shared/jobs/job-edit';
import { REASON_KEPT } from '../shared/status-flow';
import { UsageError } from './cli-error';
import { QdnError } from '../shared/errors';
import type { CommandContext, Print, WorkspaceCommand } from './workspace-command';
import type { StartingStatus } from './job-args';
import { workspaceActor } from '../core/jobs/workspace-job-rules';
import { PastPickupError } from '../core/jobs/job-field-checks';
import {
  fieldValue,
  flagIssues,
  JOB_FLAG_OPTIONS,
  jobFlagsGiven,
  leadPrice,
  requiredJobFlags,
  takeStartingStatus,
  takeJobId,
} from './job-args';
import { parseJobEditCommand } from './job-edit-commands';
import { linkBase, printSaved, withLink } from './job-output';
import { parseQuoteCommand } from './quote-command';
import { setStatusAndText } from '../core/operations/texting-status-change';
import { workspaceFlushDeps } from '../core/workspace/workspace-texts';

/**
 * `qdn job …`: the job operations of the console, as JSON. Arguments are checked before any
 * workspace is opened, so bad input touches nothing on disk.
 */
export function parseJobCommand(
  args: string[],
  print: Print,
  { timeZone }: CommandContext,
): WorkspaceCommand {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { status, flags } = takeStartingStatus(rest);
      const input = parseNewJob(flags, timeZone, status);
      return async (ws) => {
        try {
          const actor = workspaceActor(ws.config, 'cli');
          printSaved(
            status === 'requested'
              ? await ws.jobs.createRequest(input, actor)
              : await ws.jobs.createJob(input, actor),
            await linkBase(ws),
            print,
          );
        } catch (err) {
          // Core refuses a pickup already over (job-changes.ts `addJob`); the flag is the CLI's.
          if (err instanceof PastPickupError) {
            throw new QdnError('bad_request', `${err.message} (pass --allow-past to keep it)`);
          }
          throw err;
        }
      };
    }
    case 'quote':
      return parseQuoteCommand(rest, print, timeZone);
    case 'edit':
    case 'revoke':
    case 'rotate':
    case 'sms':
      return parseJobEditCommand(sub, rest, print, timeZone);
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { archived: { type: 'boolean' } },
        strict: true,
      });
      return async (ws) => {
        if (values.archived) {
          // Archived jobs' links are withdrawn: no tracking_url to hand out.
          print({ archived: await ws.jobs.listArchivedJobs() });
          return;
        }
        const base = await linkBase(ws);
        print({ jobs: (await ws.jobs.listJobs()).map((job) => withLink(job, base)) });
      };
    }
    case 'show': {
      const { positionals } = parseArgs({
        args: rest,
        options: {},
        allowPositionals: true,
        strict: true,
      });
      const jobId = takeJobId(positionals, 'qdn job show JOB_ID');
      return async (ws) => {
        const found = await ws.jobs.find(jobId);
        if (!found)
          throw new QdnError('not_found', `No job with id ${jobId}, on the board or archived.`);
        if (found.archived) print({ ...found.job, archived: true });
        else print({ ...withLink(found.job, await linkBase(ws)), archived: false });
      };
    }
    case 'archive': {
      parseArgs({ args: rest, options: {}, strict: true });
      return async (ws) => {
        const archived = await ws.jobs.archive();
        print({ archived: archived.length, job_ids: archived.map((job) => job.job_id) });
      };
    }
    case 'set-status': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { reason: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      const [jobId, status] = positionals;
      if (!jobId || !status || positionals.length > 2) {
        throw new UsageError('usage: qdn job set-status JOB_ID STATUS [--reason TEXT]');
      }
      takeJobId([jobId], 'qdn job set-status JOB_ID STATUS [--reason TEXT]');
      let reason: string | undefined;
      if (values.reason !== undefined) {
        const parsedReason = moveReasonSchema.safeParse(values.reason);
        if (!parsedReason.success) {
          throw new UsageError(`--reason ${parsedReason.error.issues[0]?.message ?? 'is invalid'}`);
        }
        reason = parsedReason.data;
      }
      const parsedStatus = jobStatusSchema.safeParse(status);
      if (!parsedStatus.success) {
        throw new UsageError(
          `unknown status "${status}" (one of: ${jobStatusSchema.options.join(', ')})`,
        );
      }
      return async (ws) => {
        try {
          // A status change that texts (messages.auto): the change, then the text it owes.
          const actor = workspaceActor(ws.config, 'cli');
          const saved = await setStatusAndText(
            ws.jobs,
            () => workspaceFlushDeps(ws, actor.by ? { by: actor.by } : {}),
            jobId,
            parsedStatus.data,
            reason,
            actor,
          );
          printSaved(saved, await linkBase(ws), print);
        } catch (err) {
          // Core asks for "a reason" (src/shared/status-flow.ts); here it is given as a flag.
          if (reason === undefined && isReasonWanted(err)) {
            throw new QdnError('invalid_transition', `${err.message} Give it with --reason TEXT.`);
          }
          throw err;
        }
      };
    }
    case 'versions': {
      parseArgs({ args: rest, options: {}, strict: true });
      return async (ws) => {
        // A block, not an arrow's value: what `print` returns must not become the exit code.
        print({ versions: await ws.jobs.listJobsFileVersions() });
      };
    }
    case 'restore': {
      const { positionals } = parseArgs({
        args: rest,
        options: {},
        allowPositionals: true,
        strict: true,
      });
      const [versionId, ...extra] = positionals;
      if (!versionId || extra.length > 0) {
        throw new UsageError('usage: qdn job restore VERSION_ID (see qdn job versions)');
      }
      if (!versionIdSchema.safeParse(versionId).success) {
        throw new UsageError(`"${versionId}" is not a version id (see qdn job versions)`);
      }
      return async (ws) => {
        const { jobs, warning } = await ws.jobs.restoreJobsFileVersion(versionId);
        print({ restored: versionId, jobs: jobs.length, tracking_pages_updated: warning === null });
        if (warning) process.stderr.write(`qdn: ${warning}\n`);
      };
    }
    default:
      throw new UsageError(
        'usage: qdn job add|list|show|edit|quote|set-status|revoke|rotate|sms|archive|versions|restore … (see qdn help)',
      );
  }
}

function parseNewJob(args: string[], timeZone: string, status: StartingStatus): NewJobInput {
  const { values } = parseArgs({ args, strict: true, options: JOB_FLAG_OPTIONS });
  for (const required of requiredJobFlags(status)) {
    if (values[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  const fields: Record<string, string | number | boolean> = {};
  for (const { flag, spec, text } of jobFlagsGiven(values)) {
    // An optional flag given empty is the same as not given.
    if (text !== '' || 'required' in spec)
      fields[spec.field] = fieldValue(flag, spec, text, timeZone);
  }
  if (values['allow-past'] === true) fields.allow_past_pickup = true;
  if (status === 'requested') fields.price = leadPrice(values.price);
  const checked = newJobInputSchema.safeParse(fields);
  if (!checked.success) throw new UsageError(flagIssues(checked.error.issues));
  return fields as NewJobInput;
}

/** Whether core refused a move only for want of a reason (a move back, a phone confirmation). */
function isReasonWanted(err: unknown): err is QdnError {
  return (
    err instanceof QdnError &&
    err.code === 'invalid_transition' &&
    err.message.includes(REASON_KEPT)
  );
}
