import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextYear } from '../support/dates';
import { runQdn } from './cli-helpers';

// `qdn job edit --no-texts / --texts / --paid [WHEN] / --unpaid` (issue 18), as a user runs it.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-cli-switches-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface PrintedJob {
  job_id: string;
  no_texts?: boolean;
  paid_at?: string;
  history: { event?: string; fields?: string[]; changes?: Record<string, unknown> }[];
}

async function qdn(ws: string, ...args: string[]): Promise<PrintedJob> {
  const result = await runQdn([...args, '--workspace', ws]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as PrintedJob;
}

describe('qdn job edit: texts and paid', () => {
  it('turns texts off and on, marks paid now or at a time on the business clocks, and unpaid', async () => {
    const ws = path.join(root, 'ws');
    const added = await qdn(
      ws,
      'job',
      'add',
      '--name',
      'Ana Ruiz',
      '--address',
      '1 Elm St',
      '--pickup',
      nextYear('15:00:00Z'),
      '--price',
      '250',
    );
    const off = await qdn(ws, 'job', 'edit', added.job_id, '--no-texts');
    expect(off.no_texts).toBe(true);
    expect(off.history.at(-1)).toMatchObject({ event: 'edit', fields: ['no_texts'] });
    const on = await qdn(ws, 'job', 'edit', added.job_id, '--texts');
    expect(on).not.toHaveProperty('no_texts');

    const before = Date.now();
    const paidNow = await qdn(ws, 'job', 'edit', '--paid', added.job_id);
    const at = Date.parse(paidNow.paid_at!);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());

    // Read in the sandbox's zone (Chicago): 9:30 AM CST is 15:30 Z.
    const paidAt = await qdn(ws, 'job', 'edit', added.job_id, '--paid', '2026-12-08 09:30');
    expect(Date.parse(paidAt.paid_at!)).toBe(Date.parse('2026-12-08T15:30:00Z'));
    const unpaid = await qdn(ws, 'job', 'edit', added.job_id, '--unpaid');
    expect(unpaid).not.toHaveProperty('paid_at');
  }, 90_000);

  it('refuses contradictory or bad switches before opening the workspace', async () => {
    const ws = path.join(root, 'never');
    const id = '0123456789abcdef';
    for (const [flags, message] of [
      [['--texts', '--no-texts'], /--texts and --no-texts/],
      [['--paid', '--unpaid'], /--paid and --unpaid/],
      [['--paid', 'soon'], /--paid needs a date and time/],
    ] as const) {
      const result = await runQdn(['job', 'edit', id, ...flags, '--workspace', ws]);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  }, 60_000);
});
