import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Job } from '../../../src/shared/job';

/** Jobs of the inbound tests: two customers, one with an open and a finished job. */
export const MARK_PHONE = '+13125550142';
export const DEE_PHONE = '+12065550100';
export const STRANGER = '+14155550123';

const token = (c: string) => c.repeat(32);

export function inboundJobs(): Job[] {
  return [
    {
      job_id: 'aaaaaaaaaaaaaaa1',
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      status: 'completed',
      pickup_date: '2031-03-01T16:00:00Z',
      price: 300,
      currency: 'USD',
      tracking_token: token('a'),
      created_at: '2031-02-27T18:02:11Z',
      phone: '(312) 555-0142',
    },
    {
      job_id: 'aaaaaaaaaaaaaaa2',
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      status: 'scheduled',
      pickup_date: '2031-04-02T16:00:00Z',
      price: 600,
      currency: 'USD',
      tracking_token: token('b'),
      created_at: '2031-03-27T18:02:11Z',
      phone: '312.555.0142',
      texts: [
        {
          id: '00000000000000a1',
          direction: 'out',
          trigger: 'scheduled',
          state: 'sent',
          at: '2031-03-27T18:02:11Z',
          to: MARK_PHONE,
          body: 'Your pickup is scheduled.',
          provider_id: 'sandbox-out-1',
        },
      ],
    },
    {
      job_id: 'bbbbbbbbbbbbbbb1',
      customer_name: 'Dee',
      address: 'Main St',
      status: 'en_route',
      pickup_date: '2031-04-01T16:00:00Z',
      price: 450,
      currency: 'USD',
      tracking_token: token('c'),
      created_at: '2031-03-20T18:02:11Z',
      phone: '+1 206 555 0100',
    },
  ];
}

/** A data folder holding jobs.json with `jobs`. */
export async function writeJobs(dataDir: string, jobs: Job[]): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    path.join(dataDir, 'jobs.json'),
    `${JSON.stringify({ schema: 1, jobs }, null, 2)}\n`,
  );
}
