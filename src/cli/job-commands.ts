import { parseArgs } from 'node:util';
import { jobStatusSchema } from '../shared/job';
import type { Job, NewJobInput } from '../shared/job';
import { buildTrackingUrl } from '../shared/tracking-link';
import type { Workspace } from '../core/workspace/open-workspace';
import { UsageError } from './cli-error';

type Print = (value: unknown) => void;

/** `qdn job add|list|set-status`: the job operations of the console, as JSON. */
export async function runJobCommand(ws: Workspace, args: string[], print: Print): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return addJob(ws, rest, print);
    case 'list': {
      parseArgs({ args: rest, options: {}, strict: true });
      const base = await ws.publicBaseUrl();
      print({ jobs: (await ws.jobs.list()).map((job) => withLink(job, base)) });
      return;
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
      const parsedStatus = jobStatusSchema.safeParse(status);
      if (!parsedStatus.success) {
        throw new UsageError(
          `unknown status "${status}" (one of: ${jobStatusSchema.options.join(', ')})`,
        );
      }
      const job = await ws.jobs.setStatus(jobId, parsedStatus.data);
      print(withLink(job, await ws.publicBaseUrl()));
      return;
    }
    default:
      throw new UsageError('usage: qdn job add|list|set-status … (see qdn help)');
  }
}

async function addJob(ws: Workspace, args: string[], print: Print): Promise<void> {
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
  const job = await ws.jobs.create(input);
  print(withLink(job, await ws.publicBaseUrl()));
}

function withLink(job: Job, publicBaseUrl: string): Job & { tracking_url: string } {
  return { ...job, tracking_url: buildTrackingUrl(publicBaseUrl, job.tracking_token) };
}
