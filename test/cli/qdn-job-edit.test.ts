import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chicagoDay, nextYear } from '../support/dates';
import { runQdn, startQdn } from './cli-helpers';

// Every command runs as a user would: its own `qdn` process on a temp sandbox workspace.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-cli-edit-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// Next year's Nov 27, 9 AM in Chicago: never in the past, and always shown with its year.
const PICKUP = nextYear('15:00:00Z');

const ANA = [
  '--name',
  'Ana Ruiz',
  '--address',
  '1 Elm St',
  '--pickup',
  PICKUP,
  '--price',
  '250',
  '--phone',
  '(312) 555-0142',
];

interface PrintedJob {
  job_id: string;
  status: string;
  tracking_token: string;
  tracking_url: string;
  history: { event?: string; reason?: string; by?: string; fields?: string[] }[];
  [field: string]: unknown;
}

async function qdn(ws: string, ...args: string[]): Promise<PrintedJob> {
  const result = await runQdn([...args, '--workspace', ws]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as PrintedJob;
}

describe('qdn job edit|show|set-status --reason|sms (issue 8 §11)', () => {
  it('edits fields, clears one, shows every field with history, and corrects a status with a reason', async () => {
    const ws = path.join(root, 'edit');
    const added = await qdn(ws, 'job', 'add', ...ANA, '--service', 'Sofa', '--assign', 'Dana');
    expect(added).toMatchObject({ assigned_to: 'Dana', history: [{ event: 'created' }] });
    expect(added.history[0]!.by).toMatch(/\(cli\)$/);

    const edited = await qdn(
      ws,
      'job',
      'edit',
      added.job_id,
      '--phone',
      '+1 312 555 0199',
      '--price',
      '275.50',
      '--service',
      '',
      '--pickup-end',
      nextYear('17:00:00Z'),
    );
    expect(edited).toMatchObject({
      phone: '+1 312 555 0199',
      price: 275.5,
      pickup_window_end: nextYear('17:00:00Z'),
      tracking_page_updated: true,
    });
    expect(edited).not.toHaveProperty('service');
    expect(edited.history.at(-1)).toMatchObject({
      event: 'edit',
      fields: ['pickup_window_end', 'price', 'phone', 'service'],
    });

    await qdn(ws, 'job', 'set-status', added.job_id, 'en_route');
    const refused = await runQdn([
      'job',
      'set-status',
      added.job_id,
      'scheduled',
      '--workspace',
      ws,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Moving a job back needs a reason/);
    const back = await qdn(
      ws,
      'job',
      'set-status',
      added.job_id,
      'scheduled',
      '--reason',
      'Truck broke down',
    );
    expect(back.status).toBe('scheduled');
    expect(back.history.at(-1)).toMatchObject({ event: 'status', reason: 'Truck broke down' });

    const shown = await qdn(ws, 'job', 'show', added.job_id);
    expect(shown).toMatchObject({
      customer_name: 'Ana Ruiz',
      phone: '+1 312 555 0199',
      assigned_to: 'Dana',
      archived: false,
    });
    expect(shown.history.map((h) => h.event)).toEqual(['created', 'edit', 'status', 'status']);

    const sms = (await qdn(ws, 'job', 'sms', added.job_id)) as unknown as {
      text: string;
      sms_href: string;
      status: string;
    };
    expect(sms.status).toBe('scheduled');
    expect(sms.text).toBe(
      `Hi Ana, your QuickDumpNow pickup is ${chicagoDay(PICKUP)}, 9:00 AM - 11:00 AM. Track it: ${shown.tracking_url}`,
    );
    expect(sms.sms_href).toBe(`sms:+13125550199?body=${encodeURIComponent(sms.text)}`);
    const plain = await runQdn([
      'job',
      'sms',
      added.job_id,
      '--status',
      'en_route',
      '--plain',
      '--workspace',
      ws,
    ]);
    expect(plain.stdout).toMatch(
      /^Hi Ana, our crew from QuickDumpNow is on the way\. Follow along: http/,
    );
  }, 90_000);

  it('revoke stops the old link at once; rotate prints a new tracking_url that works', async () => {
    const ws = path.join(root, 'links');
    const sandbox = await startQdn(['sandbox', '--workspace', ws, '--port', '0']);
    try {
      const added = await qdn(ws, 'job', 'add', ...ANA);
      const doc = (token: string) => fetch(`${String(sandbox.ready.url)}/api/track/${token}.json`);
      expect((await doc(added.tracking_token)).status).toBe(200);

      const revoked = await qdn(ws, 'job', 'revoke', added.job_id);
      expect(revoked.token_revoked_at).toEqual(expect.any(String));
      expect([403, 404]).toContain((await doc(added.tracking_token)).status);

      const rotated = await qdn(ws, 'job', 'rotate', added.job_id);
      expect(rotated.tracking_token).not.toBe(added.tracking_token);
      expect(rotated.tracking_url).toBe(
        `${String(sandbox.ready.url)}/track/${rotated.tracking_token}`,
      );
      expect(rotated).not.toHaveProperty('token_revoked_at');
      expect((await doc(rotated.tracking_token)).status).toBe(200);
      expect([403, 404]).toContain((await doc(added.tracking_token)).status);
    } finally {
      await sandbox.stop();
    }
  }, 90_000);

  it('refuses edits that cannot be right, with one line and exit 1, and changes nothing', async () => {
    const ws = path.join(root, 'refused');
    const added = await qdn(ws, 'job', 'add', ...ANA);
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    const before = await readFile(jobsFile, 'utf8');
    for (const [flags, message] of [
      [['--phone', '555 01'], /Phone is not a phone number/],
      [['--pickup', '2020-01-01T10:00:00Z'], /is in the past.*--allow-past/],
      [['--assign', 'Zed'], null],
    ] as const) {
      const result = await runQdn(['job', 'edit', added.job_id, ...flags, '--workspace', ws]);
      if (message === null) {
        expect(result.code).toBe(0); // no crew kept yet: any name
        continue;
      }
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(await readFile(jobsFile, 'utf8')).toBe(before);
    }
  }, 90_000);

  it('keeps a past pickup a script confirmed with --allow-past, and refuses one without', async () => {
    const ws = path.join(root, 'past');
    const past = [...ANA.slice(0, 4), '--pickup', '2026-01-05T15:00:00Z', ...ANA.slice(6)];
    const refused = await runQdn(['job', 'add', ...past, '--workspace', ws]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The pickup \(.*\) is in the past.*--allow-past/);
    const kept = await qdn(ws, 'job', 'add', ...past, '--allow-past');
    expect(kept.pickup_date).toBe('2026-01-05T15:00:00Z');
    // A window that ends before it starts is not a past pickup: --allow-past would not help.
    const backwards = await runQdn([
      'job',
      'add',
      ...ANA,
      '--pickup-end',
      '2020-01-01T10:00:00Z',
      '--workspace',
      ws,
    ]);
    expect(backwards.code).toBe(2); // refused as it is read, before the workspace opens
    expect(backwards.stderr).toMatch(/--pickup-end must be after/);
    expect(backwards.stderr).not.toMatch(/--allow-past/);
  }, 60_000);

  it.each([
    ['an edit with nothing to change', ['job', 'edit', 'fcdc1c82cb284dbe']],
    ['an empty required field', ['job', 'edit', 'fcdc1c82cb284dbe', '--name', '']],
    ['a price written as 1e3', ['job', 'edit', 'fcdc1c82cb284dbe', '--price', '1e3']],
    ['a price written as 0x10', ['job', 'edit', 'fcdc1c82cb284dbe', '--price', '0x10']],
    ['an unknown currency', ['job', 'edit', 'fcdc1c82cb284dbe', '--currency', 'XYZ']],
    ['letters for a phone', ['job', 'edit', 'fcdc1c82cb284dbe', '--phone', 'call me']],
    ['a malformed job id', ['job', 'revoke', 'FCDC1C82CB284DBE']],
    ['an extra argument', ['job', 'rotate', 'fcdc1c82cb284dbe', 'more']],
    ['an unknown sms status', ['job', 'sms', 'fcdc1c82cb284dbe', '--status', 'requested']],
    ['a blank reason', ['job', 'set-status', 'fcdc1c82cb284dbe', 'scheduled', '--reason', ' ']],
  ])('checks %s before it opens the workspace (exit 2)', async (_label, args) => {
    const ws = path.join(root, `untouched-${Math.random().toString(36).slice(2)}`);
    const result = await runQdn([...args, '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(ws)).toBe(false);
  });

  it('a canceled job has no text unless a status is chosen', async () => {
    const ws = path.join(root, 'sms-canceled');
    const added = await qdn(ws, 'job', 'add', ...ANA);
    await qdn(ws, 'job', 'set-status', added.job_id, 'canceled');
    const none = await runQdn(['job', 'sms', added.job_id, '--workspace', ws]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/A canceled job has no text template; choose one with --status/);
  }, 60_000);
});
