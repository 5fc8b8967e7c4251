import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MARK_SEED_RECORD } from '../fixtures/mark';
import { nextYear } from '../support/dates';
import { runQdn, startQdn } from './cli-helpers';

// Next year's Nov 27 (3 PM in Chicago): `qdn job add` refuses a pickup in the past.
const PICKUP = nextYear('21:00:00Z');

const MARK = ['--name', 'Mark', '--address', 'Soderblom Ave', '--pickup', PICKUP, '--price', '600'];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
const workspace = (name: string) => path.join(root, name);

describe('qdn sandbox + qdn job add', () => {
  it('gives a tracking_url that the running sandbox serves, with the job behind it', async () => {
    const ws = workspace('story');
    const sandbox = await startQdn(['sandbox', '--workspace', ws, '--port', '0']);
    try {
      expect(sandbox.ready).toMatchObject({
        event: 'ready',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      const added = await runQdn([
        'job',
        'add',
        '--workspace',
        ws,
        ...MARK,
        '--phone',
        '+1 312 555 0199',
      ]);
      expect(added.code).toBe(0);
      const job = JSON.parse(added.stdout) as {
        tracking_url: string;
        tracking_token: string;
        job_id: string;
      };
      expect(job.tracking_url).toBe(`${String(sandbox.ready.url)}/track/${job.tracking_token}`);
      expect(job.job_id).toMatch(/^[0-9a-f]{16}$/);
      expect(added.stderr).not.toContain('no local edge');

      const page = await fetch(job.tracking_url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<meta name="qdn-build"');
      const status = await fetch(
        `${String(sandbox.ready.url)}/api/track/${job.tracking_token}.json`,
      );
      const doc = (await status.json()) as Record<string, unknown>;
      expect(doc).toMatchObject({ first_name: 'Mark', status: 'scheduled' });
      expect(JSON.stringify(doc)).not.toContain('555 0199');

      const moved = await runQdn(['job', 'set-status', job.job_id, 'en_route', '--workspace', ws]);
      expect(JSON.parse(moved.stdout)).toMatchObject({ status: 'en_route' });
      const listed = JSON.parse((await runQdn(['job', 'list', '--workspace', ws])).stdout) as {
        jobs: unknown[];
      };
      expect(listed.jobs).toHaveLength(1);
    } finally {
      expect(await sandbox.stop()).toContain('"stopped"');
    }
  });

  it('still prints the job with no sandbox running, and says its link answers once one runs', async () => {
    const added = await runQdn(['job', 'add', '--workspace', workspace('no-edge'), ...MARK]);
    expect(added.code).toBe(0);
    const job = JSON.parse(added.stdout) as { tracking_url: string; tracking_token: string };
    expect(job.tracking_url).toBe(`http://127.0.0.1:4780/track/${job.tracking_token}`);
    expect(added.stderr).toMatch(/no local edge is running.*qdn sandbox/);
  });

  it('prints a job that was saved even when its tracking page could not be written', async () => {
    const ws = workspace('unpublishable');
    await runQdn(['job', 'list', '--workspace', ws]); // creates the sandbox
    // A file where the status documents' folder should be: every write there fails.
    await mkdir(path.join(ws, 'sites', 'prod'), { recursive: true });
    await writeFile(path.join(ws, 'sites', 'prod', 'api'), 'not a folder');
    const added = await runQdn(['job', 'add', '--workspace', ws, ...MARK]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      customer_name: 'Mark',
      tracking_page_updated: false,
    });
    expect(added.stderr).toMatch(/Saved, but the tracking page could not be updated/);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['a missing price', ['job', 'add', ...MARK.slice(0, 6)], /--price is required/],
    [
      'a price that is not a number',
      ['job', 'add', ...MARK.slice(0, 6), '--price', 'six'],
      /--price must be written as plain digits/,
    ],
    [
      'a pickup that is not ISO 8601',
      ['job', 'add', ...MARK.slice(0, 4), '--pickup', 'tomorrow', '--price', '5'],
      /--pickup needs a date and time/,
    ],
    ['an unknown option', ['job', 'add', ...MARK, '--colour', 'red'], /colour/],
    [
      'an unknown status',
      ['job', 'set-status', 'fcdc1c82cb284dbe', 'lost'],
      /unknown status "lost"/,
    ],
    ['an unknown job', ['job', 'set-status', '0000000000000000', 'en_route'], /No job with id/],
    [
      'a move the flow forbids',
      ['job', 'set-status', 'fcdc1c82cb284dbe', 'on_site'],
      /Send the crew on the way first: a scheduled job goes to En route before On site/,
    ],
    ['an unknown command', ['jobs'], /unknown command/],
  ])('%s: exits non-zero with one line on stderr', async (_label, args, message) => {
    const ws = workspace(`bad-${Math.random().toString(36).slice(2)}`);
    await runQdn(['job', 'list', '--workspace', ws]); // creates the sandbox
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    await mkdir(path.dirname(jobsFile), { recursive: true });
    await writeFile(jobsFile, `${JSON.stringify([MARK_SEED_RECORD], null, 2)}\n`);
    const before = await readFile(jobsFile, 'utf8');
    const result = await runQdn([...args, '--workspace', ws]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(jobsFile, 'utf8')).toBe(before);
  });

  it.each([
    ['a bad price', ['job', 'add', ...MARK.slice(0, -2), '--price', 'lots']],
    ['a bad port', ['sandbox', '--port', '99999']],
    ['a missing job id', ['job', 'set-status']],
    ['a malformed job id', ['job', 'set-status', 'zzz', 'en_route']],
    ['a version id that is a path', ['job', 'restore', '../../etc/passwd']],
    ['a pickup that is not a date', ['job', 'add', ...MARK, '--pickup', 'tomorrow']],
    ['a malformed email', ['job', 'add', ...MARK, '--email', 'notanemail']],
    [
      'a pickup window that ends before it starts',
      ['job', 'add', ...MARK, '--pickup-end', nextYear('20:00:00Z')],
    ],
    ['a price with 3 decimals', ['job', 'add', ...MARK.slice(0, -2), '--price', '600.001']],
  ])('checks %s before it creates or opens the workspace', async (_label, args) => {
    const ws = workspace(`untouched-${Math.random().toString(36).slice(2)}`);
    const result = await runQdn([...args, '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(existsSync(ws)).toBe(false);
  });

  it('refuses to write over a broken jobs.json and says where it is', async () => {
    const ws = workspace('broken');
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    await mkdir(path.dirname(jobsFile), { recursive: true });
    await writeFile(jobsFile, '{"schema":1,"jobs":[{"job_id":"oops"}');
    const result = await runQdn(['job', 'add', '--workspace', ws, ...MARK]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(jobsFile);
    expect(result.stderr).toMatch(/not valid JSON.*left untouched/);
    expect(await readFile(jobsFile, 'utf8')).toBe('{"schema":1,"jobs":[{"job_id":"oops"}');
  });

  it('lists earlier versions of a broken jobs.json and restores the last good one', async () => {
    const ws = workspace('restore');
    const first = JSON.parse((await runQdn(['job', 'add', '--workspace', ws, ...MARK])).stdout) as {
      tracking_token: string;
    };
    await runQdn(['job', 'add', '--workspace', ws, ...MARK.slice(0, -2), '--price', '650']);
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    const good = await readFile(jobsFile, 'utf8');
    await writeFile(jobsFile, '{"schema":1,"jobs":[{"job_id":"oops"}');
    // The broken edit also lost Mark's tracking page, as a bad hand deploy might.
    await rm(path.join(ws, 'sites', 'prod', 'api', 'track', `${first.tracking_token}.json`));

    const listed = await runQdn(['job', 'versions', '--workspace', ws]);
    const { versions } = JSON.parse(listed.stdout) as {
      versions: { versionId: string; jobs: number | null }[];
    };
    expect(versions.map((v) => v.jobs)).toEqual([2, 1]);

    const restored = await runQdn(['job', 'restore', versions[0]!.versionId, '--workspace', ws]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toEqual({
      restored: versions[0]!.versionId,
      jobs: 2,
      tracking_pages_updated: true,
    });
    expect(await readFile(jobsFile, 'utf8')).toBe(good);
    expect(
      existsSync(path.join(ws, 'sites', 'prod', 'api', 'track', `${first.tracking_token}.json`)),
    ).toBe(true);
  });

  it('still serves the site over a broken jobs.json, and says what is wrong', async () => {
    const ws = workspace('broken-sandbox');
    const jobsFile = path.join(ws, 'data', 'jobs.json');
    await mkdir(path.dirname(jobsFile), { recursive: true });
    await writeFile(jobsFile, '{"schema":1,"jobs":[{"job_id":"oops"}');
    const sandbox = await startQdn(['sandbox', '--workspace', ws, '--port', '0']);
    try {
      // stderr and stdout are separate pipes: the warning may arrive just after the ready line.
      await vi.waitFor(() =>
        expect(sandbox.stderr()).toMatch(/Tracking pages were not refreshed.*not valid JSON/),
      );
      const page = await fetch(
        `${String(sandbox.ready.url)}/track/${MARK_SEED_RECORD.tracking_token}`,
      );
      expect(page.status).toBe(200);
    } finally {
      await sandbox.stop();
    }
    expect(await readFile(jobsFile, 'utf8')).toBe('{"schema":1,"jobs":[{"job_id":"oops"}');
  });
});

describe('an AWS-mode workspace', () => {
  let s3: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(root, 's3'),
      configureBuckets: [{ name: 'qdn-data' }, { name: 'qdn-staging' }, { name: 'qdn-prod' }],
    });
    const { port } = (await s3.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await s3.close();
  });

  it('writes jobs.json to the data bucket and status documents to prod only, through S3', async () => {
    const ws = workspace('aws');
    await mkdir(ws, { recursive: true });
    const config = {
      mode: 'aws',
      region: 'us-east-1',
      endpoint,
      data: { bucket: 'qdn-data' },
      staging: { bucket: 'qdn-staging' },
      prod: { bucket: 'qdn-prod', public_base_url: 'https://quickdumpnow.example' },
    };
    await writeFile(path.join(ws, 'config.json'), JSON.stringify(config));
    const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const added = await runQdn(['job', 'add', '--workspace', ws, ...MARK], env);
    // (On Node 20 the AWS SDK adds a warning to stderr that it will need Node 22 from 2027.)
    expect(added.stderr).not.toContain('qdn:');
    expect(added.code).toBe(0);
    const job = JSON.parse(added.stdout) as { tracking_url: string; tracking_token: string };
    expect(job.tracking_url).toBe(`https://quickdumpnow.example/track/${job.tracking_token}`);

    const jobsJson = await fetch(`${endpoint}/qdn-data/jobs.json`);
    expect(((await jobsJson.json()) as { jobs: unknown[] }).jobs).toHaveLength(1);
    const doc = await fetch(`${endpoint}/qdn-prod/api/track/${job.tracking_token}.json`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=5');
    expect(await doc.json()).toMatchObject({ first_name: 'Mark' });
    // Status documents are for customers: prod only, never staging.
    const staged = await fetch(`${endpoint}/qdn-staging/api/track/${job.tracking_token}.json`);
    expect(staged.status).toBe(404);
  });
});

describe('qdn job archive', () => {
  it('moves long-finished jobs out of the board; list --archived and show still reach them', async () => {
    const ws = workspace('archive');
    await runQdn(['job', 'list', '--workspace', ws]); // creates the sandbox
    await mkdir(path.join(ws, 'data'), { recursive: true });
    const done = {
      ...MARK_SEED_RECORD,
      status: 'completed',
      history: [{ status: 'completed', at: '2025-03-02T10:00:00Z' }],
    };
    const open = {
      ...MARK_SEED_RECORD,
      job_id: '0123456789abcdef',
      tracking_token: 'O'.repeat(43),
    };
    await writeFile(
      path.join(ws, 'data', 'jobs.json'),
      JSON.stringify({ schema: 1, jobs: [done, open] }),
    );
    const archived = await runQdn(['job', 'archive', '--workspace', ws]);
    expect(JSON.parse(archived.stdout)).toEqual({ archived: 1, job_ids: [done.job_id] });
    const listed = JSON.parse((await runQdn(['job', 'list', '--workspace', ws])).stdout) as {
      jobs: { job_id: string }[];
    };
    expect(listed.jobs.map((j) => j.job_id)).toEqual([open.job_id]);
    const old = JSON.parse((await runQdn(['job', 'list', '--archived', '--workspace', ws])).stdout);
    expect(old).toMatchObject({ archived: [{ job_id: done.job_id, status: 'completed' }] });
    const shown = await runQdn(['job', 'show', done.job_id, '--workspace', ws]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ job_id: done.job_id, archived: true });
    const missing = await runQdn(['job', 'show', 'ffffffffffffffff', '--workspace', ws]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No job with id ffffffffffffffff/);
  }, 60_000); // six qdn processes; from the sources (an edited checkout) each compiles first
});
