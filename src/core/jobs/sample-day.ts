import { QdnError } from '../../shared/errors';
import type { Job, NewJobInput } from '../../shared/job';
import type { JobsAdded } from '../../shared/jobs/jobs-api';
import { errorMessage } from '../../shared/errors';
import { dayKeyOf, zonedInstant } from '../../shared/zoned-time';
import type { JobActor } from './job-actor';
import { addJob } from './job-changes';
import type { JobsChange } from './job-changes';
import { addLead } from './lead-change';
import type { JobsRepository } from './jobs-repository';
import type { JobsService } from './jobs-service';

/** Names used when no crew is kept yet (Settings' crew wins when it has members). */
const SAMPLE_CREW = ['Tom S.', 'Ana R.', 'Truck 2'];

interface SampleJob {
  customer_name: string;
  address: string;
  /** Start and end of the window, as hours of today on the business's clocks. */
  from: [number, number];
  to: [number, number];
  service: string;
  price: number;
  phone: string;
  notes?: string;
  /** A phoned-in lead, not yet quoted. */
  lead?: boolean;
}

/** A plausible day for a junk-removal and dumpster business: what a new dispatcher sees first. */
const SAMPLE_DAY: readonly SampleJob[] = [
  {
    customer_name: 'Maria Gonzalez',
    address: '4410 N Clark St, Chicago, IL 60640',
    from: [8, 0],
    to: [10, 0],
    service: 'Hot tub removal',
    price: 350,
    phone: '+1 312 555 0142',
    notes: 'Tub is on the back deck; gate code 4417.',
  },
  {
    customer_name: 'Olivia Bennett',
    address: '2235 W Belmont Ave, Chicago, IL 60618',
    from: [9, 0],
    to: [11, 0],
    service: '20yd dumpster drop',
    price: 540,
    phone: '+1 312 555 0178',
  },
  {
    customer_name: 'Dwayne Whitfield',
    address: '918 S Wabash Ave, Chicago, IL 60605',
    from: [10, 30],
    to: [12, 0],
    service: 'Appliance pickup (fridge, washer)',
    price: 180,
    phone: '+1 773 555 0119',
  },
  {
    customer_name: 'Hannah Kowalczyk',
    address: '5600 N Sheridan Rd, Chicago, IL 60660',
    from: [12, 0],
    to: [14, 0],
    service: 'Garage cleanout, full truck',
    price: 600,
    phone: '+1 773 555 0163',
  },
  {
    customer_name: 'Marcus Oyelaran',
    address: '1711 W Division St, Chicago, IL 60622',
    from: [13, 0],
    to: [15, 0],
    service: '10yd dumpster swap',
    price: 320,
    phone: '+1 312 555 0107',
  },
  {
    customer_name: 'Sofia Lindqvist',
    address: '3150 N Lake Shore Dr, Chicago, IL 60657',
    from: [15, 0],
    to: [17, 0],
    service: 'Yard waste, 12 bags',
    price: 150,
    phone: '+1 312 555 0191',
  },
  {
    customer_name: 'Priya Nair',
    address: '2250 N Lincoln Ave, Chicago, IL 60614',
    from: [16, 0],
    to: [18, 0],
    service: 'Mattress and box spring',
    price: 0,
    phone: '+1 312 555 0125',
    lead: true,
  },
];

/**
 * The sample day's jobs, dated today on the business's clocks, as a dispatcher would enter
 * them. Today's earlier hours are already past: those pickups are confirmed as a dispatcher
 * recording the day would confirm them (`allow_past_pickup`).
 */
export function sampleDayInputs(now: Date, timeZone: string, crew: readonly string[]) {
  const today = dayKeyOf(now, timeZone);
  const names = crew.length > 0 ? crew : SAMPLE_CREW;
  return SAMPLE_DAY.map((sample, i) => {
    const input: NewJobInput = {
      customer_name: sample.customer_name,
      address: sample.address,
      pickup_date: zonedInstant(today, ...sample.from, timeZone).toISOString(),
      pickup_window_end: zonedInstant(today, ...sample.to, timeZone).toISOString(),
      price: sample.price,
      currency: 'USD',
      phone: sample.phone,
      service: sample.service,
      ...(sample.notes ? { notes: sample.notes } : {}),
      ...(sample.lead ? {} : { assigned_to: names[i % names.length]! }),
      allow_past_pickup: true,
    };
    return { input, lead: sample.lead === true };
  });
}

/**
 * Adds the sample day to an empty board, through each job's own create (addJob, or addLead for
 * the phoned-in request): the same checks and the same minted ids and tokens, one write for
 * all. A board with jobs is refused, so two clicks (or two laptops) never make it twice.
 */
export function addSampleDay(now: Date, currency: string, actor: JobActor = {}): JobsChange<Job[]> {
  const timeZone = actor.rules?.timeZone ?? 'America/Chicago';
  const changes = sampleDayInputs(now, timeZone, actor.rules?.crew ?? []).map(({ input, lead }) =>
    lead
      ? addLead({ ...input, currency }, now, actor.by, actor.rules)
      : addJob({ ...input, currency }, now, actor.by, actor.rules),
  );
  return (jobs) => {
    if (jobs.length > 0) {
      throw new QdnError(
        'conflict',
        'The sample day fills an empty board only: this one has jobs.',
      );
    }
    let list: readonly Job[] = jobs;
    const added: Job[] = [];
    for (const change of changes) {
      const outcome = change(list);
      list = outcome.jobs;
      added.push(outcome.result);
    }
    return { jobs: [...list], result: added, changed: added };
  };
}

/**
 * Saves the sample day, then publishes its pages (as a lead's: src/core/jobs/lead-change.ts).
 * A failed publish is a warning on saved jobs; the start-up republish catches them up.
 */
export async function loadSampleDay(
  ports: { repository: JobsRepository; jobs: Pick<JobsService, 'republish'> },
  currency: string,
  actor: JobActor = {},
  now: Date = new Date(),
): Promise<JobsAdded> {
  const { result } = await ports.repository.update(addSampleDay(now, currency, actor));
  try {
    await ports.jobs.republish(result.map((job) => job.job_id));
  } catch (err) {
    return {
      jobs: result,
      warning: `Saved, but the sample jobs' pages could not be published (${errorMessage(err)}).`,
    };
  }
  return { jobs: result, warning: null };
}
