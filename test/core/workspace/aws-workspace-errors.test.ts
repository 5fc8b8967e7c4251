import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCoreApi } from '../../../src/core/console/core-api';
import { closeServer, listenOnLoopback } from '../../../src/core/http/loopback-server';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { answerCall } from '../../../src/shared/call';
import { coreArgs } from '../../../src/shared/api-args';
import type { CallResult } from '../../../src/shared/api';
import { startConditionalS3 } from '../../support/conditional-s3';
import { useS3rverProfile } from '../../support/s3rver-profile';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { denyWrites } from '../aws/deny-writes';

// Issue 8 §9 over the wire: an AWS workspace on a real S3-protocol server (s3rver) on
// loopback; what the console receives is the call's result as IPC and the harness carry it.
let dir: string;
let s3: ConditionalS3;
const envBefore = { ...process.env };

beforeAll(async () => {
  s3 = await startConditionalS3(['qdn-data', 'qdn-staging', 'qdn-prod']);
});
afterAll(async () => {
  await s3.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-aws-errors-'));
  await useS3rverProfile(dir);
});
afterEach(async () => {
  process.env = { ...envBefore };
  await rm(dir, { recursive: true, force: true });
});

/** The console's call on an AWS workspace configured with `overrides`, as the renderer sees it. */
async function consoleCall(
  overrides: Record<string, unknown>,
  method: 'listJobs' | 'createJob',
  args: unknown[] = [],
): Promise<CallResult> {
  const ws = path.join(dir, 'ws');
  await import('node:fs/promises').then((fs) => fs.mkdir(ws, { recursive: true }));
  await writeFile(
    path.join(ws, 'config.json'),
    JSON.stringify({
      mode: 'aws',
      profile: 'qdn-test',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      data: { bucket: 'qdn-data' },
      staging: { bucket: 'qdn-staging' },
      prod: { bucket: 'qdn-prod', public_base_url: 'https://track.example.com' },
      ...overrides,
    }),
  );
  const api = createCoreApi(await openWorkspace(ws));
  return answerCall(api, coreArgs, method, args);
}

const newJob = {
  customer_name: 'Mark Rivera',
  address: '12 Elm St',
  pickup_date: new Date(Date.now() + 86_400_000).toISOString(),
  price: 150,
};

describe('AWS errors reach the console as something the dispatcher can act on', () => {
  it('a bucket that does not exist', async () => {
    expect(await consoleCall({ data: { bucket: 'qdn-gone' } }, 'listJobs')).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: `Bucket qdn-gone does not exist in region us-east-1 at ${s3.endpoint}: check the bucket name and region in Settings.`,
      },
    });
  });

  it('a profile with no credentials', async () => {
    const result = await consoleCall({ profile: 'nobody' }, 'listJobs');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'aws_sign_in',
        message: expect.stringMatching(
          /^No AWS credentials for profile nobody: run `aws configure --profile nobody`/,
        ),
      },
    });
  });

  it('an SSO sign-in that has expired: run aws sso login for that profile', async () => {
    // `aws sso login` left a token in the cache that has since run out (as the CLI writes it).
    await writeFile(
      path.join(dir, 'aws-config'),
      [
        '[profile qdn-sso]',
        'sso_session = quickdump',
        'sso_account_id = 123456789012',
        'sso_role_name = Dispatch',
        'region = us-east-1',
        '[sso-session quickdump]',
        'sso_start_url = https://quickdump.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    const cache = path.join(dir, '.aws', 'sso', 'cache');
    await mkdir(cache, { recursive: true });
    const name = createHash('sha1').update('quickdump').digest('hex');
    await writeFile(
      path.join(cache, `${name}.json`),
      JSON.stringify({
        startUrl: 'https://quickdump.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'expired-token',
        expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    );
    process.env.HOME = dir;
    const result = await consoleCall({ profile: 'qdn-sso' }, 'listJobs');
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'aws_sign_in',
        message:
          'Your AWS sign-in for profile qdn-sso has expired: run `aws sso login --profile qdn-sso`, then try again.',
      },
    });
  });

  it('access denied on a write names the bucket and the action to grant', async () => {
    const denying = await denyWrites(s3.endpoint);
    try {
      const result = await consoleCall({ endpoint: denying.endpoint }, 'createJob', [newJob]);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'access_denied',
          message:
            'Access denied on bucket qdn-data: grant s3:PutObject to the identity of profile qdn-test.',
        },
      });
    } finally {
      await closeServer(denying.server);
    }
  });

  it('no network', async () => {
    const closed = createServer();
    const { origin } = await listenOnLoopback(closed, 0);
    await closeServer(closed);
    const result = await consoleCall({ endpoint: origin }, 'listJobs');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'no_network',
        message: `No network: could not reach ${origin} (ECONNREFUSED). Check the internet connection and the endpoint in Settings, then try again.`,
      },
    });
  });

  it('still lets the product handle what it handles itself: no jobs.json yet is an empty board', async () => {
    expect(await consoleCall({}, 'listJobs')).toEqual({ ok: true, value: [] });
  });
});
