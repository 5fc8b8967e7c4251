import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQdn } from './cli-helpers';
import { SANDBOX_PHONE_KEYS } from '../../src/core/messages/messages-ports';
import { openWorkspace } from '../../src/core/workspace/open-workspace';

// `qdn job set-status` texts through the operation, and `qdn messages list|send|flush` print
// the contract's shapes (src/cli/messages-commands.ts), as separate processes on a sandbox.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-cli-messages-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const qdn = (...args: string[]) => runQdn([...args, '--workspace', dir]);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('qdn messages', () => {
  it('a set-status to en_route texts the customer once; list shows it sent; flush owes nothing', async () => {
    const pickup = new Date(Date.now() + 86_400_000).toISOString();
    const added = await qdn(
      'job',
      'add',
      '--name',
      'Maria Lopez',
      '--address',
      '1 Main St',
      '--pickup',
      pickup,
      '--price',
      '100',
      '--phone',
      '+1 312 555 0142',
    );
    expect(added.code, added.stderr).toBe(0);
    const jobId = (json(added.stdout) as { job_id: string }).job_id;
    const moved = await qdn('job', 'set-status', jobId, 'en_route');
    expect(moved.code, moved.stderr).toBe(0);

    const listed = await qdn('messages', 'list', '--job', jobId);
    expect(listed.code, listed.stderr).toBe(0);
    const { messages } = json(listed.stdout) as { messages: Record<string, unknown>[] };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      job_id: jobId,
      to: '+13125550142',
      trigger: 'en_route',
      status: 'sent',
      segments: 1,
    });
    expect(String(messages[0]?.body)).toContain('/track/');
    const ws = await openWorkspace(dir);
    expect(await ws.data.list(SANDBOX_PHONE_KEYS.texts)).toHaveLength(1);

    const flushed = await qdn('messages', 'flush');
    expect(json(flushed.stdout)).toEqual({ sent: 0, held: 0, failed: 0, skipped: 0 });

    const sent = await qdn('messages', 'send', jobId, '--text', 'Five minutes out');
    expect(sent.code, sent.stderr).toBe(0);
    expect(json(sent.stdout)).toMatchObject({ text: { trigger: 'manual', state: 'sent' } });
    expect(await ws.data.list(SANDBOX_PHONE_KEYS.texts)).toHaveLength(2);
  }, 60_000);

  it('refuses bad input plainly with exit 2', async () => {
    const bad = await qdn('messages', 'send', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a job id');
    const both = await qdn(
      'messages',
      'send',
      'a1b2c3d4e5f60718',
      '--text',
      'x',
      '--status',
      'scheduled',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --status or --text, not both');
    const wrong = await qdn('messages', 'send', 'a1b2c3d4e5f60718', '--status', 'done');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      '--status must be one of: scheduled, en_route, on_site, completed',
    );
    expect(wrong.stderr).not.toMatch(/Invalid option|expected one of/);
    const long = await qdn('messages', 'send', 'a1b2c3d4e5f60718', '--text', 'x'.repeat(1601));
    expect(long.stderr).toContain('--text: a text is at most 1600 characters');
    const missing = await qdn('messages', 'list', '--job', 'a1b2c3d4e5f60718');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No job with id');
  }, 60_000);
});
