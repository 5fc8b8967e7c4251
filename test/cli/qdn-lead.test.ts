import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusDocumentKey } from '../../src/shared/site-keys';
import { chicagoYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 17 §5: "a phoned-in lead cannot be created as a Requested job". `qdn job add --status
// requested` makes one, as the booking inbox would: no price until it is quoted, its history
// starting at Requested. Only Requested and Scheduled (the default) may start a job.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const DAY = `${chicagoYear() + 1}-12-08`;
const LEAD = [
  '--name',
  'Priya Nair',
  '--address',
  '2250 N Lincoln Ave',
  '--pickup',
  `${DAY} 13:00`,
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-lead-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('qdn job add --status requested', () => {
  it('creates a lead with no price, listed on the board, and its page says Requested', async () => {
    const ws = path.join(root, 'lead');
    const run = await runQdn(
      [
        'job',
        'add',
        '--workspace',
        ws,
        '--status',
        'requested',
        ...LEAD,
        '--pickup-end',
        `${DAY} 17:00`,
        '--service',
        'Hot tub removal',
      ],
      FROM_SOURCE,
    );
    expect(run.code, run.stderr).toBe(0);
    const lead = JSON.parse(run.stdout) as {
      job_id: string;
      tracking_token: string;
      history: unknown[];
    };
    expect(lead).toMatchObject({
      status: 'requested',
      price: 0,
      pickup_date: `${DAY}T19:00:00Z`,
      pickup_window_end: `${DAY}T23:00:00Z`,
      service: 'Hot tub removal',
      tracking_page_updated: true,
    });
    expect(lead.history).toEqual([
      expect.objectContaining({ status: 'requested', event: 'created' }),
    ]);

    const stored = JSON.parse(await readFile(path.join(ws, 'data', 'jobs.json'), 'utf8')) as {
      jobs: { job_id: string; status: string }[];
    };
    expect(stored.jobs).toEqual([
      expect.objectContaining({ job_id: lead.job_id, status: 'requested' }),
    ]);
    const page = JSON.parse(
      await readFile(
        path.join(ws, 'sites', 'prod', statusDocumentKey(lead.tracking_token)),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(page).toMatchObject({ status: 'requested', quote_ready: false });

    // --status scheduled is the default, said out loud: a job with a price, as before.
    const scheduled = await runQdn(
      ['job', 'add', '--workspace', ws, '--status=scheduled', ...LEAD, '--price', '350'],
      FROM_SOURCE,
    );
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(JSON.parse(scheduled.stdout)).toMatchObject({ status: 'scheduled', price: 350 });
  });

  it('refuses another starting status, and a price on a lead, touching nothing', async () => {
    const fresh = path.join(root, 'never-made');
    const enRoute = await runQdn(
      ['job', 'add', '--workspace', fresh, '--status', 'en_route', ...LEAD, '--price', '350'],
      FROM_SOURCE,
    );
    expect(enRoute.code).toBe(2);
    expect(enRoute.stderr).toBe(
      'qdn: --status for a new job is requested (a lead, priced when you quote it) or scheduled (the default), got "en_route"; later moves are qdn job set-status\n',
    );
    const priced = await runQdn(
      ['job', 'add', '--workspace', fresh, '--status', 'requested', ...LEAD, '--price', '350'],
      FROM_SOURCE,
    );
    expect(priced.code).toBe(2);
    expect(priced.stderr).toContain('--price is set when the lead is quoted');
    expect(existsSync(fresh)).toBe(false);
  });
});
