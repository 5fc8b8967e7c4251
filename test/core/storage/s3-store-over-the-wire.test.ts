import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import { S3Store } from '../../../src/core/storage/s3-store';
import { startConditionalS3 } from '../../support/conditional-s3';
import type { ConditionalS3 } from '../../support/conditional-s3';
import { describeObjectStoreContract } from './object-store-contract';
import { describeConditionalContract } from './object-store-conditional-contract';
import { quotedMd5 } from './object-store-fixtures';

// The real S3Store and the real SDK, over HTTP, against a server that answers conditional
// writes and versions as S3 documents (test/support/conditional-s3.ts in front of s3rver): the
// SDK's own parsing of S3's error XML, x-amz-version-id and ListObjectVersions, no mocks.
const BUCKET = 'qdn-wire';
const OTHER_BUCKET = 'qdn-wire-other';
let s3: ConditionalS3;
let client: S3Client;
let count = 0;

beforeAll(async () => {
  s3 = await startConditionalS3([BUCKET, OTHER_BUCKET]);
  client = s3.client();
});
afterAll(async () => {
  await s3?.close();
});

const freshStore = (bucket = BUCKET) =>
  new S3Store(client, bucket, `w${++count}-${randomBytes(4).toString('hex')}`);

describeObjectStoreContract(
  'S3Store over the wire, conditional and versioned',
  () =>
    Promise.resolve({
      store: freshStore(),
      other: freshStore(OTHER_BUCKET),
      cleanup: () => Promise.resolve(),
    }),
  { refusesStaleCopySource: true },
);

describe('S3Store over the wire: conditional writes and versions', () => {
  let store: S3Store;
  describeConditionalContract(() => {
    store = freshStore();
    return { store };
  });
});

describe('S3 answers as documented, read by the real SDK', () => {
  const put = (key: string, extra: Record<string, string> = {}) =>
    client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x', ...extra }));

  it('412 PreconditionFailed: the SDK names the error from the XML and keeps the status', async () => {
    const key = `raw-${randomBytes(4).toString('hex')}`;
    const first = await put(key);
    expect(first.VersionId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const err = await put(key, { IfNoneMatch: '*' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3ServiceException);
    expect(err).toMatchObject({
      name: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      $metadata: { httpStatusCode: 412 },
      Condition: 'If-None-Match',
    });
  });

  it('404 NoSuchKey for If-Match on a key with no current object, as S3 documents', async () => {
    const err = await put(`missing-${randomBytes(4).toString('hex')}`, {
      IfMatch: quotedMd5('x'),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('409 ConditionalRequestConflict while another write of the key is in flight; S3Store reads it as a lost race', async () => {
    const store = freshStore();
    const { etag } = await store.put('jobs.json', 'v1');
    s3.holdWrites(150);
    const before = s3.answered.get('ConditionalRequestConflict') ?? 0;
    try {
      const results = await Promise.allSettled([
        store.put('jobs.json', 'from window A', { ifMatch: etag }),
        new Promise((r) => setTimeout(r, 30)).then(() =>
          store.put('jobs.json', 'from window B', { ifMatch: etag }),
        ),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(PreconditionFailedError);
    } finally {
      s3.holdWrites(0);
    }
    expect(s3.answered.get('ConditionalRequestConflict')).toBe(before + 1);
    expect((await store.get('jobs.json'))!.body.toString()).toBe('from window A');
  });

  it('loses no update: 6 concurrent read-modify-write increments with retries end at 6', async () => {
    const store = freshStore();
    await store.put('counter', '0');
    const increment = async (): Promise<void> => {
      for (;;) {
        const current = (await store.get('counter'))!;
        const next = String(Number(current.body.toString()) + 1);
        try {
          await store.put('counter', next, { ifMatch: current.etag });
          return;
        } catch (err) {
          if (!(err instanceof PreconditionFailedError)) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, increment));
    expect((await store.get('counter'))!.body.toString()).toBe('6');
    expect(await store.listVersions('counter')).toHaveLength(6);
  });
});
