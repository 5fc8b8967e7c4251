import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMessagesReply } from '../../src/cli/messages-reply';
import { runQdn } from './cli-helpers';
import { listUnmatched } from '../../src/core/messages/inbound-recorder';
import { SANDBOX_PHONE_KEYS } from '../../src/core/messages/messages-ports';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import type { Workspace } from '../../src/core/workspace/open-workspace';
import { inboundJobs, MARK_PHONE, writeJobs } from '../core/messages/inbound-world';

// `qdn messages reply` (src/cli/messages-reply.ts) on a real sandbox folder: the reply is
// queued and recorded in one go, so the CLI alone puts it on the job; AWS is refused plainly.

let dir: string;
let ws: Workspace;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-cli-reply-'));
  ws = await openWorkspace(dir);
  await writeJobs(path.join(dir, 'data'), inboundJobs());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = async (args: string[], on: Workspace = ws) => {
  const printed: unknown[] = [];
  await parseMessagesReply(args, (v) => printed.push(v))(on);
  return printed[0] as { job_ids: string[]; unmatched: boolean; reply: { from: string } };
};

describe('qdn messages reply', () => {
  it("puts the reply on the customer's job without a console running", async () => {
    const out = await run(['--from', '312 555 0142', '--text', 'Can you come at 3?']);
    expect(out).toMatchObject({
      job_ids: ['aaaaaaaaaaaaaaa2'],
      unmatched: false,
      reply: { from: MARK_PHONE },
    });
    const job = (await ws.repository.list()).find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!;
    expect(job.texts!.at(-1)).toMatchObject({ direction: 'in', body: 'Can you come at 3?' });
    expect(await ws.data.list(SANDBOX_PHONE_KEYS.inbound)).toEqual([]);
  });

  it('keeps a reply from an unknown number aside and says so', async () => {
    expect(await run(['--from', '+14155550123', '--text', 'hi'])).toMatchObject({
      job_ids: [],
      unmatched: true,
    });
    expect(await listUnmatched(ws.data)).toHaveLength(1);
  });

  it('refuses bad input, a missing flag, and an AWS workspace, queuing nothing', async () => {
    await expect(run(['--from', 'nope', '--text', 'hi'])).rejects.toThrow(
      /"from" is not a phone number/,
    );
    await expect(run(['--from', MARK_PHONE, '--text', 'x'.repeat(1601)])).rejects.toThrow(
      /at most 1600/,
    );
    expect(() => parseMessagesReply(['--from', MARK_PHONE], () => {})).toThrow(
      /usage: qdn messages reply/,
    );
    // Only mode is read before refusing: an AWS workspace's stores are never touched.
    const aws = { ...ws, config: { ...ws.config, mode: 'aws' } } as unknown as Workspace;
    await expect(run(['--from', MARK_PHONE, '--text', 'hi'], aws)).rejects.toThrow(/sandbox only/);
    expect(await ws.data.list(SANDBOX_PHONE_KEYS.inbound)).toEqual([]);
    expect(
      (await ws.repository.list()).find((j) => j.job_id === 'aaaaaaaaaaaaaaa2')!.texts,
    ).toHaveLength(1);
  });
});

it('qdn messages reply, then qdn messages list, as a user runs them', async () => {
  const env = { QDN_FROM_SOURCE: '1' };
  const replied = await runQdn(
    [
      'messages',
      'reply',
      '--from',
      '312-555-0142',
      '--text',
      'Hello <b>there</b>',
      '--workspace',
      dir,
    ],
    env,
  );
  expect([replied.code, replied.stderr]).toEqual([0, '']);
  expect(JSON.parse(replied.stdout)).toMatchObject({ job_ids: ['aaaaaaaaaaaaaaa2'] });
  const listed = await runQdn(['messages', 'list', '--workspace', dir], env);
  const { messages } = JSON.parse(listed.stdout) as {
    messages: { job_id: string; body: string }[];
  };
  expect(messages).toContainEqual(
    expect.objectContaining({ job_id: 'aaaaaaaaaaaaaaa2', body: 'Hello <b>there</b>' }),
  );
  await runQdn(
    ['messages', 'reply', '--from', '+14155550123', '--text', 'Couches?', '--workspace', dir],
    env,
  );
  const unmatched = await runQdn(['messages', 'unmatched', '--workspace', dir], env);
  expect(JSON.parse(unmatched.stdout)).toMatchObject({
    unmatched: [
      { kind: 'reply', from: '+14155550123', body: 'Couches?', reason: 'No job has this number.' },
    ],
  });
  const refused = await runQdn(
    ['messages', 'reply', '--from', 'abc', '--text', 'x', '--workspace', dir],
    env,
  );
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toMatch(/"from" is not a phone number/);
}, 30_000);
