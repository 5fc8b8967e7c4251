import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { startConsoleSession } from '../../src/core/console/console-session';
import type { ConsoleSession } from '../../src/core/console/console-session';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import { startCoreProcess } from '../../src/main/core-process';
import type { CoreChild, CoreProcess, CoreProcessOptions } from '../../src/main/core-process';
import { forwardEvents } from '../../src/main/ipc';
import { coreArgs } from '../../src/shared/api-args';
import type { CallResult, CoreApi } from '../../src/shared/api';
import { answerCall } from '../../src/shared/call';
import type { Job } from '../../src/shared/job';
import { BOOKING_DOCUMENT_KEY } from '../../src/shared/site-keys';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { startConditionalS3 } from '../support/conditional-s3';
import { forkCoreFromSource } from '../support/forked-core';
import { useS3rverProfile } from '../support/s3rver-profile';

// The split of issue 16, item 8, with a real child: src/core-host/index.ts forked by Node (with
// tsx) stands in for Electron's utilityProcess, whose runtime cannot run here; only the thin
// src/main/utility-core-child.ts differs, and test/main/utility-core-child.test.ts checks it
// against the mocked `electron`. Each child runs a real console session on a sandbox workspace
// in a temp folder, with its local edge on 127.0.0.1.

const FILE_RENDERER = 'file:///opt/qdn/resources/app/out/renderer/index.html';
const NEW_JOB = {
  customer_name: 'Ana',
  address: '4410 N Clark St',
  pickup_date: '2031-05-01T16:00:00Z',
  price: 540,
};

let root: string;
let running: CoreProcess[];
let sessions: ConsoleSession[];
let log: string[];
let links: (readonly (string | null)[])[];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-core-process-'));
  running = [];
  sessions = [];
  log = [];
  links = [];
});
afterEach(async () => {
  for (const core of running) await core.close().catch(() => undefined);
  for (const session of sessions) await session.close();
  await rm(root, { recursive: true, force: true });
});

/** A sandbox workspace holding Mark's job, as the seed left it. */
async function workspace(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await writeFile(path.join(dir, 'data', 'jobs.json'), JSON.stringify([MARK_SEED_RECORD]));
  return dir;
}

/** The children spawned, so a test can kill one as a crash would. */
let children: CoreChild[];

async function start(dir: string, more: Partial<CoreProcessOptions> = {}): Promise<CoreProcess> {
  children = [];
  const core = await startCoreProcess({
    workspaceDir: dir,
    spawn: () => {
      const child = forkCoreFromSource();
      children.push(child);
      return child;
    },
    uploader: async () => null,
    warn: (m) => log.push(m),
    onLinks: (urls) => links.push(urls),
    ...more,
  });
  running.push(core);
  return core;
}

/** A call as main's IPC handler makes it: answerCall over the proxy's CoreApi. */
const viaIpc = (core: CoreProcess, method: keyof CoreApi, ...args: unknown[]) =>
  answerCall(core.api, coreArgs, method, args);
const inProcess = (session: ConsoleSession, method: keyof CoreApi, ...args: unknown[]) =>
  answerCall(session.api, coreArgs, method, args);

describe('the core in its own process', () => {
  it('answers each call with the CallResult the same call gets in-process, on a real workspace', async () => {
    const core = await start(await workspace('split'));
    const session = await startConsoleSession(await workspace('inline'), { warn: () => {} });
    sessions.push(session);

    const cases: [keyof CoreApi, ...unknown[]][] = [
      ['listJobs'],
      ['setJobStatus', '0123456789abcdef', 'en_route'], // no such job: not_found
      ['setJobStatus', MARK_SEED_RECORD.job_id, 'teleported'], // bad_request, parsed in main
      ['setJobStatus', MARK_SEED_RECORD.job_id, 'requested'], // a step back with no reason
      ['listJobsFileVersions'],
    ];
    for (const [method, ...args] of cases) {
      const split = await viaIpc(core, method, ...args);
      const inline = await inProcess(session, method, ...args);
      expect(split, `${method}(${args.join(', ')})`).toEqual(inline);
    }
    expect((await viaIpc(core, 'listJobs')).ok).toBe(true);

    // A write lands in the child's workspace, on disk, and reads back the same way.
    const created = (await viaIpc(core, 'createJob', NEW_JOB)) as CallResult<{ job: Job }>;
    const createdInline = (await inProcess(session, 'createJob', NEW_JOB)) as CallResult<{
      job: Job;
    }>;
    expect(created.ok && createdInline.ok).toBe(true);
    if (!created.ok || !createdInline.ok) return;
    const comparable = (job: Job) => ({
      ...job,
      job_id: '…',
      tracking_token: '…',
      created_at: '…',
      updated_at: '…',
      history: '…',
    });
    expect(comparable(created.value.job)).toEqual(comparable(createdInline.value.job));
    const onDisk = JSON.parse(
      await readFile(path.join(root, 'split', 'data', 'jobs.json'), 'utf8'),
    ) as { jobs: Job[] };
    expect(onDisk.jobs.map((j) => j.job_id)).toEqual([
      MARK_SEED_RECORD.job_id,
      created.value.job.job_id,
    ]);
    expect(await viaIpc(core, 'listJobs')).toEqual({ ok: true, value: onDisk.jobs });
  });

  it('tells main where the public site and the local edge are, at start and after Settings reopens', async () => {
    const core = await start(await workspace('links'));
    expect(links).toHaveLength(1);
    const [publicBaseUrl, edgeUrl] = links[0]!;
    expect(edgeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(publicBaseUrl).toBe(edgeUrl); // the sandbox's public site is its local edge
    expect((await fetch(`${edgeUrl}/track/${MARK_SEED_RECORD.tracking_token}`)).status).toBe(200);

    const settings = await viaIpc(core, 'getSettings');
    expect(settings.ok).toBe(true);
    if (!settings.ok) return;
    const saved = settings.value as { business: { name: string } };
    const save = await viaIpc(core, 'saveSettings', {
      ...saved,
      business: { ...saved.business, name: 'QuickDumpNow North' },
    });
    expect(save).toMatchObject({ ok: true });
    // Said before the save's answer, so the window never opens a link main does not allow yet.
    expect(links).toHaveLength(2);
    expect(links[1]).toEqual([publicBaseUrl, edgeUrl]); // the sandbox keeps its edge
  });

  it('carries the core’s events to the window through forwardEvents', async () => {
    const dir = await workspace('events');
    const core = await start(dir);
    const contents = { send: vi.fn(), isDestroyed: () => false, getURL: () => FILE_RENDERER };
    forwardEvents(core.subscribe, contents as unknown as WebContents, FILE_RENDERER);

    // Another console (here, this process) writes jobs.json: the child's watch tells of it.
    const other = await openWorkspace(dir);
    await other.jobs.createJob(NEW_JOB);
    await vi.waitFor(
      () =>
        expect(contents.send).toHaveBeenCalledWith('qdn-event:jobsChanged', {
          revision: expect.any(String),
        }),
      { timeout: 5000, interval: 50 },
    );
  });

  it('answers a call in flight when the child dies, in plain words, then starts a new child once', async () => {
    const core = await start(await workspace('crash'));
    const inFlight = core.call('listJobs', []);
    children[0]!.kill(); // SIGKILL, the moment the call was sent: as a crash would
    const answered = await inFlight;
    expect(answered).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(
          /^The console's core stopped unexpectedly \(signal SIGKILL\) while this call ran; it may or may not have been done\./,
        ),
      },
    });
    expect(log).toContain(
      "The console's core stopped unexpectedly (signal SIGKILL); starting it again.",
    );

    // The next call waits for the new child and works on the same workspace.
    const listed = await core.call('listJobs', []);
    expect(listed).toMatchObject({ ok: true, value: [{ job_id: MARK_SEED_RECORD.job_id }] });
    expect(children).toHaveLength(2);
    expect(links).toHaveLength(2); // the new child's edge, allowed again

    // A second crash leaves the core down: calls answer at once instead of waiting.
    children[1]!.kill();
    await vi.waitFor(() => expect(log.at(-1)).toMatch(/stopped again \(signal SIGKILL\)/));
    expect(await core.call('listJobs', [])).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          "The console's core stopped again (signal SIGKILL) and is not restarted: quit and open the console again.",
      },
    });
    expect(children).toHaveLength(2);
  });

  it('tells the window when the core stopped, as a background problem', async () => {
    const core = await start(await workspace('toast'));
    const problems: unknown[] = [];
    core.subscribe((name, payload) => {
      if (name === 'backgroundProblem') problems.push(payload);
    });
    children[0]!.kill();
    await vi.waitFor(() => expect(problems).toHaveLength(1));
    expect(problems[0]).toEqual({
      message: "The console's core stopped unexpectedly (signal SIGKILL); starting it again.",
      code: 'internal',
    });
  });

  it('rejects a start that fails, in words, and leaves no child behind', async () => {
    const dir = await workspace('broken-config');
    await writeFile(path.join(dir, 'config.json'), '{ "mode": "aws", ');
    await expect(start(dir)).rejects.toThrow(/config\.json/);
    await vi.waitFor(() => expect(children).toHaveLength(1));
    const exited = await new Promise<string>((resolve) => children[0]!.onExit(resolve));
    expect(exited).toMatch(/^(exit code|signal)/);
  });

  it('closes the session in the child (its edge stops), then ends the child', async () => {
    const core = await start(await workspace('close'));
    const edgeUrl = links[0]![1]!;
    const ended = new Promise<string>((resolve) => children[0]!.onExit(resolve));
    await core.close();
    expect(await ended).toMatch(/^(exit code|signal)/);
    await expect(fetch(`${edgeUrl}/`)).rejects.toThrow();
    expect(await core.call('listJobs', [])).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The console is closing.' },
    });
    expect(log.filter((m) => /stopped/.test(m))).toEqual([]); // an expected end, not a crash
  });
});

describe('the core in its own process, on AWS (s3rver)', () => {
  const envBefore = { ...process.env };
  afterEach(() => {
    process.env = { ...envBefore };
  });

  /** An AWS workspace on s3rver; the child inherits the profile from this process's env. */
  async function awsWorkspace(endpoint: string): Promise<string> {
    const dir = await workspace('aws');
    await useS3rverProfile(root);
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({
        mode: 'aws',
        profile: 'qdn-test',
        region: 'us-east-1',
        endpoint,
        data: { bucket: 'qdn-data' },
        staging: { bucket: 'qdn-staging' },
        prod: {
          bucket: 'qdn-prod',
          public_base_url: 'https://track.example.com',
          distribution_ids: [],
        },
      }),
    );
    return dir;
  }

  it("asks main for the uploader keys, and signs the booking page's policy with them; links name the public site", async () => {
    const s3 = await startConditionalS3(['qdn-data', 'qdn-staging', 'qdn-prod']);
    try {
      const uploader = vi.fn(async () => ({
        accessKeyId: 'AKIAUPLOADER0001',
        secretAccessKey: 'uploader-secret-000000000000000000000000',
        region: '',
      }));
      await start(await awsWorkspace(s3.endpoint), { uploader });
      expect(links).toEqual([['https://track.example.com', null]]);
      const client = s3.client();
      const document = await vi.waitFor(
        async () => {
          const got = await client.send(
            new GetObjectCommand({ Bucket: 'qdn-prod', Key: BOOKING_DOCUMENT_KEY }),
          );
          return got.Body!.transformToString();
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(uploader).toHaveBeenCalled();
      // The policy's credential scope names the key main handed over (never its secret).
      expect(document).toContain('AKIAUPLOADER0001/');
      expect(document).not.toContain('uploader-secret');
    } finally {
      await s3.close();
    }
  });

  it("carries main's failure to unseal the keys back to the core, whose warning reaches main's log", async () => {
    const s3 = await startConditionalS3(['qdn-data', 'qdn-staging', 'qdn-prod']);
    try {
      const uploader = vi.fn(() => Promise.reject(new Error('the keychain is locked')));
      await start(await awsWorkspace(s3.endpoint), { uploader });
      await vi.waitFor(
        () =>
          expect(log).toContain(
            "The booking page's upload policy was not refreshed: the keychain is locked",
          ),
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await s3.close();
    }
  });
});
