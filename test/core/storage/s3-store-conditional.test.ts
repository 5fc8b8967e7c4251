import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import { S3Store } from '../../../src/core/storage/s3-store';

// Why a mock: s3rver (the loopback S3 server used in s3-store.test.ts) ignores IfMatch/IfNoneMatch
// on PUT and never answers 412/409 (STACK.md, "S3 on loopback"), and no S3 server that honours
// them installs here. So the S3 adapter's side of conditional writes — forwarding the headers and
// mapping the errors real S3/MinIO/R2 return — is checked against a mocked S3Client.
const s3 = mockClient(S3Client);
const client = new S3Client({ region: 'us-east-1' });
const store = new S3Store(client, 'qdn-data', 'env/prod');

function serviceError(name: string, httpStatusCode: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode },
    message: `${name} (${httpStatusCode})`,
  });
}

beforeEach(() => {
  s3.reset();
});

describe('S3Store conditional put (mocked S3Client)', () => {
  it('forwards IfMatch, ContentType and CacheControl under the prefixed key', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"new-etag"' });
    const out = await store.put('jobs.json', '{"schema":1}', {
      ifMatch: '"old-etag"',
      contentType: 'application/json',
      cacheControl: 'no-cache',
    });
    expect(out).toEqual({ etag: '"new-etag"' });
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'qdn-data',
      Key: 'env/prod/jobs.json',
      IfMatch: '"old-etag"',
      ContentType: 'application/json',
      CacheControl: 'no-cache',
    });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input.IfNoneMatch).toBeUndefined();
    expect(Buffer.from(input.Body as Uint8Array).toString()).toBe('{"schema":1}');
  });

  it('forwards IfNoneMatch "*" when creating', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
    await store.put('jobs.json', '{}', { ifNoneMatch: '*' });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input.IfNoneMatch).toBe('*');
    expect(input.IfMatch).toBeUndefined();
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
  ])('turns %s (%i) into PreconditionFailedError', async (name, status) => {
    s3.on(PutObjectCommand).rejects(serviceError(name, status));
    const err = await store.put('jobs.json', 'x', { ifMatch: '"stale"' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((err as PreconditionFailedError).key).toBe('jobs.json');
  });

  it('passes other service errors through unchanged', async () => {
    const denied = serviceError('AccessDenied', 403);
    s3.on(PutObjectCommand).rejects(denied);
    const err = await store.put('jobs.json', 'x', { ifMatch: '"e"' }).catch((e: unknown) => e);
    expect(err).toBe(denied);
    expect(err).not.toBeInstanceOf(PreconditionFailedError);
  });

  it('passes non-S3 errors (network) through unchanged', async () => {
    const network = new Error('socket hang up');
    s3.on(PutObjectCommand).rejects(network);
    await expect(store.put('jobs.json', 'x')).rejects.toBe(network);
  });
});

describe('S3Store reads (mocked S3Client)', () => {
  it('get of a NoSuchKey gives null', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'gone' }),
    );
    expect(await store.get('jobs.json')).toBeNull();
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'qdn-data',
      Key: 'env/prod/jobs.json',
    });
  });

  it('get of another failure throws it', async () => {
    const denied = serviceError('AccessDenied', 403);
    s3.on(GetObjectCommand).rejects(denied);
    await expect(store.get('jobs.json')).rejects.toBe(denied);
  });

  it('listVersions keeps only earlier versions of exactly that key, newest first', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        {
          Key: 'env/prod/jobs.json',
          VersionId: 'v1',
          ETag: '"e1"',
          Size: 10,
          IsLatest: false,
          LastModified: new Date('2026-11-01T10:00:00Z'),
        },
        {
          Key: 'env/prod/jobs.json',
          VersionId: 'v4',
          ETag: '"e4"',
          Size: 40,
          IsLatest: true,
          LastModified: new Date('2026-11-04T10:00:00Z'),
        },
        {
          Key: 'env/prod/jobs.json.bak',
          VersionId: 'x1',
          ETag: '"x"',
          Size: 1,
          IsLatest: false,
          LastModified: new Date('2026-11-05T10:00:00Z'),
        },
        {
          Key: 'env/prod/jobs.json',
          VersionId: 'v3',
          ETag: '"e3"',
          Size: 30,
          IsLatest: false,
          LastModified: new Date('2026-11-03T10:00:00Z'),
        },
        {
          Key: 'env/prod/jobs.json',
          VersionId: 'v2',
          ETag: '"e2"',
          Size: 20,
          IsLatest: false,
          LastModified: new Date('2026-11-02T10:00:00Z'),
        },
      ],
    });
    const versions = await store.listVersions('jobs.json');
    expect(versions.map((v) => v.versionId)).toEqual(['v3', 'v2', 'v1']);
    expect(versions[0]).toEqual({
      versionId: 'v3',
      etag: '"e3"',
      size: 30,
      lastModified: new Date('2026-11-03T10:00:00Z'),
    });
    expect(s3).toHaveReceivedCommandWith(ListObjectVersionsCommand, {
      Bucket: 'qdn-data',
      Prefix: 'env/prod/jobs.json',
    });
  });

  it('listVersions is empty where versioning is off', async () => {
    s3.on(ListObjectVersionsCommand).resolves({});
    expect(await store.listVersions('jobs.json')).toEqual([]);
  });

  it('getVersion asks for that VersionId and returns its bytes', async () => {
    // The SDK's stream body, reduced to the one method the adapter uses.
    const body = {
      transformToByteArray: () => Promise.resolve(new Uint8Array(Buffer.from('old content'))),
    };
    s3.on(GetObjectCommand, { VersionId: 'v2' }).resolves({
      Body: body as never,
      ETag: '"e2"',
      ContentType: 'application/json',
    });
    const got = await store.getVersion('jobs.json', 'v2');
    expect(got!.body.toString()).toBe('old content');
    expect(got!.etag).toBe('"e2"');
    expect(got!.key).toBe('jobs.json');
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Key: 'env/prod/jobs.json',
      VersionId: 'v2',
    });
  });
});
