import {
  CopyObjectCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3Store } from '../../../src/core/storage/s3-store';

// Why a mock: the move's behaviour on s3rver is in the contract (s3-store.test.ts); what real S3
// would be sent — one server-side copy, no bytes through this process, the delete only after the
// copy succeeded — is only visible as the commands, so they are checked against a mocked client.
const s3 = mockClient(S3Client);
const store = new S3Store(new S3Client({ region: 'us-east-1' }), 'qdn-data', 'env/prod');

beforeEach(() => {
  s3.reset();
});

describe('S3Store.move (mocked S3Client)', () => {
  it('copies server-side keeping the metadata, then deletes the original', async () => {
    s3.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"e"' } });
    s3.on(DeleteObjectCommand).resolves({});
    expect(await store.move('inbox/new/a b.json', 'inbox/processed/a b.json')).toBe(true);
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Bucket: 'qdn-data',
      Key: 'env/prod/inbox/processed/a b.json',
      CopySource: 'qdn-data/env/prod/inbox/new/a%20b.json',
      MetadataDirective: 'COPY',
    });
    const sent = s3.calls().map((call) => call.args[0].constructor);
    expect(sent).toEqual([CopyObjectCommand, DeleteObjectCommand]);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, {
      Bucket: 'qdn-data',
      Key: 'env/prod/inbox/new/a b.json',
    });
  });

  it('a missing original moves nothing and deletes nothing', async () => {
    s3.on(CopyObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    expect(await store.move('inbox/new/a.json', 'inbox/processed/a.json')).toBe(false);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 0);
  });

  it('a failed copy leaves the original where it is', async () => {
    s3.on(CopyObjectCommand).rejects(new Error('socket hang up'));
    await expect(store.move('inbox/new/a.json', 'inbox/processed/a.json')).rejects.toThrow(
      'socket hang up',
    );
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 0);
  });

  it('a move onto itself copies nothing (S3 refuses that copy) and deletes nothing', async () => {
    s3.on(HeadObjectCommand).resolves({ ETag: '"e"', ContentLength: 2 });
    expect(await store.move('inbox/new/a.json', 'inbox/new/a.json')).toBe(true);
    expect(s3).toHaveReceivedCommandTimes(CopyObjectCommand, 0);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 0);
  });
});
