import { randomBytes } from 'node:crypto';
import { addDays, dayKeyOf, zonedInstant } from '../../src/shared/zoned-time';

/** A job as jobs.json stores it; enough fields for the board, all valid against the schema. */
export interface SeedJob {
  job_id: string;
  customer_name: string;
  address: string;
  status: 'requested' | 'scheduled' | 'en_route' | 'on_site' | 'completed' | 'canceled';
  pickup_date: string;
  price: number;
  currency: string;
  tracking_token: string;
  created_at: string;
  phone?: string;
  assigned_to?: string;
  updated_at?: string;
  history?: { status: string; at: string }[];
}

/** The sandbox business's zone (Settings' default), where "today" and "tomorrow" are. */
const ZONE = 'America/Chicago';
const STREETS = ['Elm St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine Rd', 'Birch Way', 'Lake St'];
const CREW = ['Tom S.', 'Ana R.', 'Truck 2', undefined];
const STATUSES: SeedJob['status'][] = [
  'scheduled',
  'scheduled',
  'scheduled',
  'requested',
  'en_route',
  'on_site',
  'completed',
  'canceled',
];

/**
 * `count` realistic jobs spread over the coming days (and the last few days for finished
 * ones), with names "Customer 1"… so a test can find one; `overrides` replaces fields of job i.
 */
export function seedJobs(
  count: number,
  overrides: (i: number) => Partial<SeedJob> = () => ({}),
  now = Date.now(),
): SeedJob[] {
  const firstOpen = zonedInstant(addDays(dayKeyOf(new Date(now), ZONE), 1), 8, 0, ZONE).getTime();
  return Array.from({ length: count }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    const open = status !== 'completed' && status !== 'canceled';
    // Open jobs from 08:00 tomorrow in the business's zone on, two an hour (never today, even
    // on the night the clocks go back); finished ones over the past week.
    const pickup = open ? firstOpen + i * 1_800_000 : now - (i % 7) * 86_400_000;
    const at = new Date(Math.min(now, pickup)).toISOString();
    return {
      job_id: randomBytes(8).toString('hex'),
      customer_name: `Customer ${i + 1}`,
      address: `${100 + i} ${STREETS[i % STREETS.length]}, Springfield`,
      status,
      pickup_date: new Date(pickup).toISOString(),
      price: 150 + (i % 20) * 25,
      currency: 'USD',
      tracking_token: randomBytes(32).toString('base64url'),
      created_at: new Date(now - 10 * 86_400_000).toISOString(),
      phone: `+1 312 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
      ...(CREW[i % CREW.length] ? { assigned_to: CREW[i % CREW.length] } : {}),
      updated_at: at,
      history: [{ status, at }],
      ...overrides(i),
    };
  });
}
