import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Providers from '@aws-sdk/credential-providers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { startConditionalS3 } from '../../support/conditional-s3';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { S3RVER_PROFILE, useS3rverProfile } from '../../support/s3rver-profile';

// @aws-sdk/credential-providers loads ~40 modules (~30-40 ms of a `qdn` process's start-up,
// bench/profile-promote.ts). An AWS workspace loads it only when its config names a profile;
// without one the S3 client's own default chain (which it loads anyway) finds the keys. The
// CloudFront client loads only for a workspace with a distribution to call.
const loaded = vi.hoisted(() => ({ providers: 0, cloudFront: 0, profiles: [] as string[] }));
vi.mock('@aws-sdk/client-cloudfront', async (importOriginal) => {
  loaded.cloudFront++;
  return importOriginal();
});
vi.mock('@aws-sdk/credential-providers', async (importOriginal) => {
  loaded.providers++;
  const real = await importOriginal<typeof Providers>();
  return {
    ...real,
    fromIni: (init: { profile: string }) => {
      loaded.profiles.push(init.profile);
      return real.fromIni(init);
    },
  };
});

let s3: ConditionalS3;
let dir: string;
const envBefore = { ...process.env };

beforeAll(async () => {
  s3 = await startConditionalS3(['cred-data', 'cred-staging', 'cred-prod']);
});
afterAll(async () => {
  await s3?.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-aws-credentials-'));
});
afterEach(async () => {
  process.env = { ...envBefore };
  await rm(dir, { recursive: true, force: true });
});

async function awsWorkspace(profile?: string) {
  await writeFile(
    path.join(dir, 'config.json'),
    JSON.stringify({
      mode: 'aws',
      ...(profile ? { profile } : {}),
      region: 'us-east-1',
      endpoint: s3.endpoint,
      data: { bucket: 'cred-data' },
      staging: { bucket: 'cred-staging' },
      prod: { bucket: 'cred-prod', public_base_url: 'https://track.example.com' },
    }),
  );
  return openWorkspace(dir);
}

describe('AWS credentials at workspace open', () => {
  it('without a profile: the keys come from the default chain, the providers package stays unloaded', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    delete process.env.AWS_PROFILE;
    const ws = await awsWorkspace();
    await ws.data.put('probe.txt', 'hello');
    expect((await ws.data.get('probe.txt'))?.body.toString()).toBe('hello');
    expect(await ws.cdns()).toEqual([]);
    expect(loaded.providers).toBe(0);
    expect(loaded.cloudFront).toBe(0);
  });

  it('with a profile: the keys come from that profile', async () => {
    await useS3rverProfile(dir);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const ws = await awsWorkspace(S3RVER_PROFILE);
    await ws.data.put('probe.txt', 'from the profile');
    expect((await ws.data.get('probe.txt'))?.body.toString()).toBe('from the profile');
    expect(loaded.providers).toBe(1);
    expect(loaded.profiles).toContain(S3RVER_PROFILE);
  });

  it('with a distribution: cdns() gives its CloudFront CDN', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({
        mode: 'aws',
        region: 'us-east-1',
        endpoint: s3.endpoint,
        data: { bucket: 'cred-data' },
        staging: { bucket: 'cred-staging' },
        prod: {
          bucket: 'cred-prod',
          public_base_url: 'https://track.example.com',
          distribution_ids: ['E2QWRUHEXAMPLE'],
        },
      }),
    );
    const cdns = await (await openWorkspace(dir)).cdns();
    expect(cdns.map((c) => c.location)).toEqual(['cloudfront:E2QWRUHEXAMPLE']);
    expect(loaded.cloudFront).toBe(1);
  });
});
