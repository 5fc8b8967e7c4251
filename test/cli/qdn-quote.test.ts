import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusDocumentKey } from '../../src/shared/site-keys';
import { chicagoYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// Issue 17 §5: "there is no `qdn` verb for a quote". `qdn job quote JOB_ID --price N --pickup T
// [--pickup-end T]` quotes a requested job as the console's Quote form does, records the quote
// in its history, and prints the customer's /book/<token> link (never the tracking link: that
// goes out once the customer has confirmed). Each refusal says why in one line and leaves
// jobs.json byte for byte as it was.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };
const DAY = `${chicagoYear() + 1}-12-08`;

interface Printed {
  job_id: string;
  tracking_token: string;
  tracking_url?: string;
  quote_url?: string;
  history: Record<string, unknown>[];
  [field: string]: unknown;
}

let root: string;
let ws: string;
let lead: Printed;
let scheduled: Printed;
const jobsFile = () => readFile(path.join(ws, 'data', 'jobs.json'), 'utf8');

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-quote-cli-'));
  ws = path.join(root, 'ws');
  const place = ['--address', '2250 N Lincoln Ave', '--pickup', `${DAY} 09:00`];
  const [madeLead, madeScheduled] = [
    await runQdn(
      ['job', 'add', '--workspace', ws, '--status', 'requested', '--name', 'Priya Nair', ...place],
      FROM_SOURCE,
    ),
    await runQdn(
      ['job', 'add', '--workspace', ws, '--name', 'Mark', ...place, '--price', '600'],
      FROM_SOURCE,
    ),
  ];
  expect(madeLead.code, madeLead.stderr).toBe(0);
  expect(madeScheduled.code, madeScheduled.stderr).toBe(0);
  lead = JSON.parse(madeLead.stdout) as Printed;
  scheduled = JSON.parse(madeScheduled.stdout) as Printed;
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('qdn job quote', () => {
  it.each([
    {
      why: 'no price',
      args: () => [lead.job_id, '--pickup', `${DAY} 13:00`],
      code: 2,
      says: 'qdn: --price is required; usage: qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]\n',
    },
    {
      why: 'a price of nothing',
      args: () => [lead.job_id, '--price', '0', '--pickup', `${DAY} 13:00`],
      code: 2,
      says: 'qdn: --price must be more than zero\n',
    },
    {
      why: 'no pickup',
      args: () => [lead.job_id, '--price', '350'],
      code: 2,
      says: 'qdn: --pickup is required; usage: qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]\n',
    },
    {
      why: 'a window ending before it starts',
      args: () => [
        lead.job_id,
        '--price',
        '350',
        '--pickup',
        `${DAY} 13:00`,
        '--pickup-end',
        `${DAY} 12:00`,
      ],
      code: 2,
      says: 'qdn: --pickup-end must be after the pickup start\n',
    },
    {
      why: 'a pickup already over',
      args: () => [lead.job_id, '--price', '350', '--pickup', '2020-03-02 13:00'],
      code: 1,
      says: 'qdn: The quoted pickup (Mon, Mar 2, 2020, 1:00 PM) is in the past: quote a time from now on.\n',
    },
    {
      why: 'a job that is no request',
      args: () => [scheduled.job_id, '--price', '350', '--pickup', `${DAY} 13:00`],
      code: 1,
      says: 'qdn: Only a requested job takes a quote; this one is Scheduled.\n',
    },
    {
      why: 'no such job',
      args: () => ['0123456789abcdef', '--price', '350', '--pickup', `${DAY} 13:00`],
      code: 1,
      says: 'qdn: No job with id 0123456789abcdef.\n',
    },
  ])('refuses $why in one line, and jobs.json stays as it was', async ({ args, code, says }) => {
    const before = await jobsFile();
    const run = await runQdn(['job', 'quote', '--workspace', ws, ...args()], FROM_SOURCE);
    expect(run.stderr).toBe(says);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(await jobsFile()).toBe(before);
  });

  it('quotes a request: the job, its quote in the history, and the /book/<token> link', async () => {
    const run = await runQdn(
      [
        'job',
        'quote',
        lead.job_id,
        '--workspace',
        ws,
        '--price',
        '350',
        '--pickup',
        `${DAY} 13:00`,
        '--pickup-end',
        `${DAY}T17:00`,
      ],
      FROM_SOURCE,
    );
    expect(run.code, run.stderr).toBe(0);
    const quoted = JSON.parse(run.stdout) as Printed;
    // Chicago is at UTC−6 in December: 1 PM to 5 PM there.
    expect(quoted).toMatchObject({
      job_id: lead.job_id,
      status: 'requested',
      price: 350,
      pickup_date: `${DAY}T19:00:00Z`,
      pickup_window_end: `${DAY}T23:00:00Z`,
      quoted_at: expect.any(String),
      quote_page_updated: true,
    });
    expect(quoted.quote_url).toBe(lead.tracking_url?.replace('/track/', '/book/'));
    expect(quoted.quote_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/book\/[A-Za-z0-9_-]{43}$/);
    expect(quoted).not.toHaveProperty('tracking_url');
    expect(quoted.history.at(-1)).toEqual({
      status: 'requested',
      at: quoted.quoted_at,
      event: 'quote',
      by: expect.stringMatching(/\(cli\)$/),
      quote: {
        price: 350,
        currency: 'USD',
        pickup_date: `${DAY}T19:00:00Z`,
        pickup_window_end: `${DAY}T23:00:00Z`,
      },
    });

    // Saved as printed, and the page the link opens offers the quote.
    const stored = JSON.parse(await jobsFile()) as { jobs: Printed[] };
    const { quote_url: _url, quote_page_updated: _updated, ...job } = quoted;
    expect(stored.jobs.find((j) => j.job_id === lead.job_id)).toEqual(job);
    const page = JSON.parse(
      await readFile(
        path.join(ws, 'sites', 'prod', statusDocumentKey(lead.tracking_token)),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(page).toMatchObject({ status: 'requested', quote_ready: true });
    expect(page.price).toMatchObject({ amount: 350, currency: 'USD' });
  });

  it('--help exits 0 with its own entry', async () => {
    const run = await runQdn(['job', 'quote', '--help'], FROM_SOURCE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]',
    );
    expect(run.stdout).not.toContain('qdn job add');
  });
});
