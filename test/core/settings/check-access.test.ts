import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccessDenied,
  CloudFrontClient,
  DescribeFunctionCommand,
  GetDistributionCommand,
  ListInvalidationsCommand,
  NoSuchFunctionExists,
} from '@aws-sdk/client-cloudfront';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { closeServer, listenOnLoopback } from '../../../src/core/http/loopback-server';
import { createSettingsApi } from '../../../src/core/settings/settings-api';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { AccessCheck } from '../../../src/shared/settings/settings-api';
import type { AwsSettings } from '../../../src/shared/settings/settings';
import { startConditionalS3 } from '../../support/conditional-s3';
import { useS3rverProfile } from '../../support/s3rver-profile';
import { denyWrites } from '../aws/deny-writes';
import type { ConditionalS3 } from '../../support/conditional-s3';

// The sandbox path is real (folders, the local edge over the built site: npm run build). The
// AWS path runs against a real S3-protocol server on loopback (s3rver). CloudFront cannot run
// here, so its client is mocked (aws-sdk-client-mock), answering as CloudFront documents.
const cloudfront = mockClient(CloudFrontClient);
let dir: string;
let s3: ConditionalS3;
let session: ConsoleSession | null = null;
const envBefore = { ...process.env };

beforeAll(async () => {
  s3 = await startConditionalS3(['qdn-data', 'qdn-staging', 'qdn-prod']);
});
afterAll(async () => {
  await s3.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-check-access-'));
  await useS3rverProfile(dir);
  cloudfront.reset();
  cloudfront.on(GetDistributionCommand).resolves({
    Distribution: { DomainName: 'd111abcdef8.cloudfront.net' } as never,
  });
  cloudfront.on(ListInvalidationsCommand).resolves({});
  cloudfront
    .on(DescribeFunctionCommand)
    .rejects(new NoSuchFunctionExists({ message: 'The function does not exist.', $metadata: {} }));
});
afterEach(async () => {
  await session?.close();
  session = null;
  process.env = { ...envBefore };
  await rm(dir, { recursive: true, force: true });
});

const aws = (overrides: Partial<AwsSettings> = {}): AwsSettings => ({
  profile: 'qdn-test',
  region: 'us-east-1',
  endpoint: s3.endpoint,
  data: { bucket: 'qdn-data', prefix: '' },
  staging: { bucket: 'qdn-staging', prefix: 'site' },
  prod: {
    bucket: 'qdn-prod',
    prefix: '',
    public_base_url: 'https://track.example.com',
    distribution_ids: ['E123ABC'],
    function_name: 'qdn-viewer-request',
  },
  ...overrides,
});

/** Check access on a sandbox workspace whose prepared AWS settings are `settings`. */
async function checkPrepared(settings: AwsSettings) {
  const api = createSettingsApi(await openWorkspace(path.join(dir, 'ws')));
  await api.saveSettings({ mode: 'sandbox', aws: settings });
  const report = await api.checkAccess();
  // The sandbox's own four checks come first; the prepared AWS settings' follow.
  return report.checks.slice(4);
}

const failed = (checks: AccessCheck[]) => checks.filter((c) => !c.ok);
const byAction = (checks: AccessCheck[], resource: RegExp, action: string) =>
  checks.find((c) => resource.test(c.resource) && c.action === action);

describe('Check access on the sandbox', () => {
  it('is all green on a fresh sandbox with its console running', async () => {
    session = await startConsoleSession(path.join(dir, 'ws'), { warn: () => {} });
    const report = await session.api.checkAccess();
    expect(report.mode).toBe('sandbox');
    expect(report.checks.map((c) => [c.purpose, c.ok])).toEqual([
      ['Save jobs and receive bookings', true],
      ['Stage a release of the site', true],
      ["Publish customers' tracking pages", true],
      ['Show customers their tracking page', true],
    ]);
    expect(report.checks[3]!.resource).toBe(`${session.edge!.url}/api/health.json`);
    // The probe files are gone again.
    expect(await readdir(path.join(dir, 'ws', 'data', '.qdn-access-check'))).toEqual([]);
  });

  it('says what is wrong: no edge running, a folder that cannot be written', async () => {
    const ws = await openWorkspace(path.join(dir, 'ws'));
    await mkdir(path.join(dir, 'ws', 'sites'), { recursive: true });
    await writeFile(path.join(dir, 'ws', 'sites', 'staging'), 'a file where a folder should be');
    const report = await createSettingsApi(ws).checkAccess();
    expect(failed(report.checks).map((c) => c.detail)).toEqual([
      expect.stringMatching(/^The folder cannot be used: /),
      'The local edge is not running: start the console or `qdn sandbox`.',
    ]);
  });
});

describe('Check access on AWS', () => {
  it('tries each call the product needs, per bucket and distribution, and all pass', async () => {
    const checks = await checkPrepared(aws());
    expect(failed(checks)).toEqual([]);
    expect(checks.map((c) => `${c.resource} ${c.action}`)).toEqual([
      's3://qdn-data/ s3:ListBucket',
      's3://qdn-data/jobs.json s3:GetObject',
      expect.stringMatching(/^s3:\/\/qdn-data\/\.qdn-access-check\/[0-9a-f]{16} s3:PutObject$/),
      expect.stringMatching(/^s3:\/\/qdn-data\/\.qdn-access-check\/[0-9a-f]{16} s3:DeleteObject$/),
      's3://qdn-data s3:GetBucketVersioning',
      's3://qdn-staging/site/ s3:ListBucket',
      's3://qdn-staging/site/api/health.json s3:GetObject',
      expect.stringMatching(/^s3:\/\/qdn-staging\/site\/\.qdn-access-check\/.* s3:PutObject$/),
      expect.stringMatching(/^s3:\/\/qdn-staging\/site\/\.qdn-access-check\/.* s3:DeleteObject$/),
      's3://qdn-prod/ s3:ListBucket',
      's3://qdn-prod/api/health.json s3:GetObject',
      expect.stringMatching(/^s3:\/\/qdn-prod\/\.qdn-access-check\/.* s3:PutObject$/),
      expect.stringMatching(/^s3:\/\/qdn-prod\/\.qdn-access-check\/.* s3:DeleteObject$/),
      'CloudFront E123ABC cloudfront:GetDistribution',
      'CloudFront E123ABC cloudfront:ListInvalidations',
      'CloudFront Function qdn-viewer-request cloudfront:DescribeFunction',
    ]);
    expect(byAction(checks, /qdn-data\/jobs\.json/, 's3:GetObject')?.detail).toBe(
      'Allowed (jobs.json does not exist yet).',
    );
    expect(byAction(checks, /E123ABC/, 'cloudfront:GetDistribution')?.detail).toBe(
      'Found (d111abcdef8.cloudfront.net).',
    );
    // Nothing was left in the buckets, and no invalidation was created.
    const listed = await s3
      .client()
      .send(new (await import('@aws-sdk/client-s3')).ListObjectsV2Command({ Bucket: 'qdn-data' }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(cloudfront.commandCalls(ListInvalidationsCommand)).toHaveLength(1);
    expect(cloudfront.calls().map((c) => c.args[0].constructor.name)).not.toContain(
      'CreateInvalidationCommand',
    );
  });

  it('asks nothing of CloudFront when no distribution is set (an S3-compatible host alone)', async () => {
    const settings = aws();
    const checks = await checkPrepared({
      ...settings,
      prod: { ...settings.prod, distribution_ids: [] },
    });
    expect(failed(checks)).toEqual([]);
    expect(checks.filter((c) => c.action.startsWith('cloudfront:'))).toEqual([]);
    expect(cloudfront.calls()).toHaveLength(0);
  });

  it('names the IAM action to grant for each call refused', async () => {
    // A loopback S3 that refuses every write, as a bucket policy without s3:PutObject does.
    const denying = await denyWrites(s3.endpoint);
    cloudfront
      .on(ListInvalidationsCommand)
      .rejects(
        new AccessDenied({ message: 'User is not authorized', $metadata: { httpStatusCode: 403 } }),
      );
    try {
      const checks = await checkPrepared(aws({ endpoint: denying.endpoint }));
      const put = byAction(checks, /^s3:\/\/qdn-data\//, 's3:PutObject')!;
      expect(put).toMatchObject({ ok: false, grant: 's3:PutObject' });
      expect(put.detail).toBe(
        'Access denied on bucket qdn-data: grant s3:PutObject to the identity of profile qdn-test.',
      );
      expect(byAction(checks, /^s3:\/\/qdn-data\//, 's3:DeleteObject')).toMatchObject({
        ok: false,
        detail: 'Not tried: the probe file could not be written.',
        grant: null,
      });
      expect(byAction(checks, /^s3:\/\/qdn-data\//, 's3:ListBucket')?.ok).toBe(true);
      expect(byAction(checks, /E123ABC/, 'cloudfront:ListInvalidations')).toMatchObject({
        ok: false,
        grant: 'cloudfront:ListInvalidations',
        detail:
          'Access denied on CloudFront E123ABC: grant cloudfront:ListInvalidations to the identity of profile qdn-test.',
      });
    } finally {
      await closeServer(denying.server);
    }
  });

  it('says a bucket does not exist, and where it was looked for', async () => {
    const checks = await checkPrepared(aws({ data: { bucket: 'qdn-missing', prefix: '' } }));
    const list = byAction(checks, /qdn-missing/, 's3:ListBucket')!;
    expect(list.ok).toBe(false);
    expect(list.detail).toBe(
      `Bucket qdn-missing does not exist in region us-east-1 at ${s3.endpoint}: check the bucket name and region in Settings.`,
    );
    expect(byAction(checks, /qdn-staging/, 's3:ListBucket')?.ok).toBe(true);
  });

  it('says to sign in, once, when the profile has no credentials', async () => {
    const checks = await checkPrepared(aws({ profile: 'nobody' }));
    expect(checks).toEqual([
      expect.objectContaining({
        resource: 'AWS profile nobody',
        ok: false,
        detail: expect.stringMatching(
          /^No AWS credentials for profile nobody: run `aws configure --profile nobody`/,
        ),
      }),
    ]);
  });

  it('says there is no network when the endpoint cannot be reached', async () => {
    const closed = createServer();
    const { origin } = await listenOnLoopback(closed, 0);
    await closeServer(closed);
    const checks = await checkPrepared(aws({ endpoint: origin }));
    const list = byAction(checks, /qdn-data/, 's3:ListBucket')!;
    expect(list.ok).toBe(false);
    expect(list.detail).toBe(
      `No network: could not reach ${origin} (ECONNREFUSED). Check the internet connection and the endpoint in Settings, then try again.`,
    );
  });
});
