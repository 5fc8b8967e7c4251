import { parseArgs } from 'node:util';
import { JOB_ID_PATTERN, jobStatusSchema, newJobInputSchema } from '../shared/job';
import type { JobSaved } from '../shared/api';
import { versionIdSchema } from '../shared/api-args';
import type { Job, NewJobInput } from '../shared/job';
import { buildTrackingUrl } from '../shared/tracking-link';
import { UsageError } from './cli-error';
import { QdnError } from '../shared/errors';
import type { Print, WorkspaceCommand } from './workspace-command';
import type { Workspace } from '../core/workspace/open-workspace';

/**
 * `qdn job add|list|set-status`: the job operations of the console, as JSON. Arguments are
 * checked before any workspace is opened, so bad input touches nothing on disk.
 */
export function parseJobCommand(args: string[], print: Print): WorkspaceCommand {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const input = parseNewJob(rest);
      return async (ws) => {
        printSaved(await ws.jobs.create(input), await linkBase(ws), print);
      };
    }
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { archived: { type: 'boolean' } },
        strict: true,
      });
      return async (ws) => {
        if (values.archived) {
          // Archived jobs' links are withdrawn: no tracking_url to hand out.
          print({ archived: await ws.jobs.listArchived() });
          return;
        }
        const base = await linkBase(ws);
        print({ jobs: (await ws.jobs.list()).map((job) => withLink(job, base)) });
      };
    }
    case 'show': {
      const { positionals } = parseArgs({
        args: rest,
        options: {},
        allowPositionals: true,
        strict: true,
      });
      const [jobId, ...extra] = positionals;
      if (!jobId || extra.length > 0) throw new UsageError('usage: qdn job show JOB_ID');
      if (!JOB_ID_PATTERN.test(jobId)) {
        throw new UsageError(`"${jobId}" is not a job id (16 lowercase hex characters)`);
      }
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
      const { positionals } = parseArgs({
        args: rest,
        options: {},
        allowPositionals: true,
        strict: true,
      });
      const [jobId, status] = positionals;
      if (!jobId || !status || positionals.length > 2) {
        throw new UsageError('usage: qdn job set-status JOB_ID STATUS');
      }
      if (!JOB_ID_PATTERN.test(jobId)) {
        throw new UsageError(`"${jobId}" is not a job id (16 lowercase hex characters)`);
      }
      const parsedStatus = jobStatusSchema.safeParse(status);
      if (!parsedStatus.success) {
        throw new UsageError(
          `unknown status "${status}" (one of: ${jobStatusSchema.options.join(', ')})`,
        );
      }
      return async (ws) => {
        printSaved(await ws.jobs.setStatus(jobId, parsedStatus.data), await linkBase(ws), print);
      };
    }
    case 'versions': {
      parseArgs({ args: rest, options: {}, strict: true });
      return async (ws) => print({ versions: await ws.jobs.versions() });
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
        const { jobs, warning } = await ws.jobs.restore(versionId);
        print({ restored: versionId, jobs: jobs.length, tracking_pages_updated: warning === null });
        if (warning) process.stderr.write(`qdn: ${warning}\n`);
      };
    }
    default:
      throw new UsageError(
        'usage: qdn job add|list|show|set-status|archive|versions|restore … (see qdn help)',
      );
  }
}

function parseNewJob(args: string[]): NewJobInput {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      name: { type: 'string' },
      address: { type: 'string' },
      pickup: { type: 'string' },
      'pickup-end': { type: 'string' },
      price: { type: 'string' },
      currency: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      service: { type: 'string' },
      notes: { type: 'string' },
    },
  });
  for (const required of ['name', 'address', 'pickup', 'price'] as const) {
    if (values[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  const price = Number(values.price);
  if (values.price!.trim() === '' || !Number.isFinite(price)) {
    throw new UsageError(`--price must be a number, got "${values.price}"`);
  }
  const input: NewJobInput = {
    customer_name: values.name!,
    address: values.address!,
    pickup_date: values.pickup!,
    price,
  };
  if (values['pickup-end']) input.pickup_window_end = values['pickup-end'];
  if (values.currency) input.currency = values.currency;
  if (values.phone) input.phone = values.phone;
  if (values.email) input.email = values.email;
  if (values.service) input.service = values.service;
  if (values.notes) input.notes = values.notes;
  const checked = newJobInputSchema.safeParse(input);
  if (!checked.success) {
    throw new UsageError(
      checked.error.issues.map((issue) => `${flagOf(issue.path[0])} ${issue.message}`).join('; '),
    );
  }
  return input;
}

const FLAGS: Partial<Record<keyof NewJobInput, string>> = {
  customer_name: '--name',
  pickup_date: '--pickup',
  pickup_window_end: '--pickup-end',
};

/** The flag a dispatcher typed for a field, e.g. pickup_date → --pickup. */
function flagOf(field: PropertyKey | undefined): string {
  if (typeof field !== 'string') return 'input';
  return FLAGS[field as keyof NewJobInput] ?? `--${field}`;
}

/** Where links point; says so on stderr when nothing answers there yet. */
async function linkBase(ws: Workspace): Promise<string> {
  const { url: base, running } = await ws.publicSite();
  if (!running) {
    process.stderr.write(
      `qdn: no local edge is running for this workspace; links to ${base} work once \`qdn sandbox\` or the console runs.\n`,
    );
  }
  return base;
}

/**
 * A saved change always prints its job (a script must not retry and create it twice); one
 * whose tracking page lagged says so on stderr and in `tracking_page_updated`.
 */
function printSaved({ job, warning }: JobSaved, base: string, print: Print): void {
  print({ ...withLink(job, base), tracking_page_updated: warning === null });
  if (warning) process.stderr.write(`qdn: ${warning}\n`);
}

function withLink(job: Job, publicBaseUrl: string): Job & { tracking_url: string } {
  return { ...job, tracking_url: buildTrackingUrl(publicBaseUrl, job.tracking_token) };
}
