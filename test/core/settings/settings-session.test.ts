import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { startHarness } from '../../../src/harness/harness-server';
import type { Harness } from '../../../src/harness/harness-server';
import type { CallResult } from '../../../src/shared/api';
import type { AwsSettings, Settings } from '../../../src/shared/settings/settings';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { startConditionalS3 } from '../../support/conditional-s3';
import { useS3rverProfile } from '../../support/s3rver-profile';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

// Real: the console session (local edge over the built site — npm run build), the browser
// harness over loopback HTTP, and an S3-protocol server (s3rver) for the AWS mode.
let dir: string;
let s3: ConditionalS3;
let session: ConsoleSession | null;
let harness: Harness | null;
let cookie: string;
/** The public site each reopening reported (the Electron shell allows links to it). */
let reopenedTo: string[];
const envBefore = { ...process.env };

beforeAll(async () => {
  s3 = await startConditionalS3(['qdn-data', 'qdn-staging', 'qdn-prod']);
});
afterAll(async () => {
  await s3.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-settings-session-'));
  await useS3rverProfile(dir);
  await mkdir(path.join(dir, 'ws', 'data'), { recursive: true });
  await writeFile(path.join(dir, 'ws', 'data', 'jobs.json'), JSON.stringify([MARK_SEED_RECORD]));
  reopenedTo = [];
  session = await startConsoleSession(path.join(dir, 'ws'), {
    warn: () => {},
    onReopened: (reopened) => {
      void reopened.workspace.publicBaseUrl().then((url) => reopenedTo.push(url));
    },
  });
  await session.statusDocumentsRefreshed;
  harness = await startHarness({
    api: session.api,
    subscribe: (listener) => session!.subscribe(listener),
    rendererDir: path.join(dir, 'renderer'),
    port: 0,
  });
  const login = await fetch(harness.url, { redirect: 'manual' });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterEach(async () => {
  await harness?.stop();
  await session?.close();
  process.env = { ...envBefore };
  await rm(dir, { recursive: true, force: true });
});

/** A call as the console in the browser makes it: through the harness, over HTTP. */
async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const res = await fetch(`${harness!.origin}/__harness/call/${method}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const result = (await res.json()) as CallResult<T>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const aws = (): AwsSettings => ({
  profile: 'qdn-test',
  region: 'us-east-1',
  endpoint: s3.endpoint,
  data: { bucket: 'qdn-data', prefix: '' },
  staging: { bucket: 'qdn-staging', prefix: '' },
  prod: {
    bucket: 'qdn-prod',
    prefix: '',
    public_base_url: 'https://track.example.com',
    distribution_ids: [],
    function_name: 'qdn-viewer-request',
  },
});

const statusDocument = async () =>
  JSON.parse(
    await readFile(
      path.join(dir, 'ws', 'sites', 'prod', statusDocumentKey(MARK_SEED_RECORD.tracking_token)),
      'utf8',
    ),
  ) as { business: { name: string; phone?: string; time_zone?: string } };

describe('saving Settings in a running console', () => {
  it("puts the new business name, phone and zone on customers' pages and the header at once", async () => {
    expect((await statusDocument()).business.phone).toBe('(555) 010-0199');
    const settings = await call<Settings>('getSettings');
    await call('saveSettings', {
      ...settings,
      business: { name: 'Haul Co', phone: '(312) 555-0100', time_zone: 'America/Denver' },
    });
    expect(await call('getWorkspace')).toMatchObject({ mode: 'sandbox', businessName: 'Haul Co' });
    await session!.statusDocumentsRefreshed;
    expect((await statusDocument()).business).toEqual({
      name: 'Haul Co',
      phone: '(312) 555-0100',
      time_zone: 'America/Denver',
    });
  });

  it('switches the running console to AWS and back, without a restart', async () => {
    const sandboxEdge = session!.edge!;
    const settings = await call<Settings>('getSettings');

    await call('saveSettings', { ...settings, mode: 'aws', aws: aws() });
    expect(await call('getWorkspace')).toMatchObject({
      mode: 'aws',
      publicBaseUrl: 'https://track.example.com',
      location: 's3://qdn-data/',
    });
    expect(session!.edge).toBeNull();
    await expect.poll(() => reopenedTo).toEqual(['https://track.example.com']);
    // The sandbox's edge stopped with the switch.
    await expect(fetch(`${sandboxEdge.url}/api/health.json`)).rejects.toThrow();
    // The board now reads jobs.json from the data bucket (none there yet).
    expect(await call('listJobs')).toEqual([]);

    await call('saveSettings', { ...settings, mode: 'sandbox', aws: aws() });
    expect(await call('getWorkspace')).toMatchObject({ mode: 'sandbox' });
    expect(await call('listJobs')).toHaveLength(1);
    const edge = session!.edge!;
    expect((await fetch(`${edge.url}/api/health.json`)).status).toBe(200);
    await expect.poll(() => reopenedTo).toEqual(['https://track.example.com', edge.url]);
    // The AWS settings stay prepared for the next switch.
    expect((await call<Settings>('getSettings')).aws).toEqual(aws());
  });

  it('refuses incomplete AWS settings and keeps running on the sandbox', async () => {
    await expect(call('saveSettings', { mode: 'aws' })).rejects.toThrow(
      /bad_request: .*aws: the AWS settings/,
    );
    await expect(
      call('saveSettings', { mode: 'aws', aws: { ...aws(), data: { bucket: 'X' } } }),
    ).rejects.toThrow(/aws\.data\.bucket: must be an S3 bucket name/);
    expect(await call('getWorkspace')).toMatchObject({ mode: 'sandbox' });
    expect(session!.edge).not.toBeNull();
  });

  it('tells the window when background work after a save fails (a toast, not only the log)', async () => {
    const problems: unknown[] = [];
    session!.subscribe((name, payload) => {
      if (name === 'backgroundProblem') problems.push(payload);
    });
    await writeFile(path.join(dir, 'ws', 'data', 'jobs.json'), '{ "jobs": [ broken');
    await call('saveSettings', await call<Settings>('getSettings'));
    await session!.statusDocumentsRefreshed;
    expect(problems).toEqual([
      {
        message: expect.stringMatching(/^Tracking pages were not refreshed.*jobs\.json/),
        code: null,
      },
    ]);
  });
});
