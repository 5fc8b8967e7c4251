import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
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

// s3rver ignores x-amz-copy-source-if-match and has no versions (s3-store.test.ts pins the first),
// so what the adapter sends for a copy, and how it maps the answers of real S3, is checked here.
describe('S3Store.copyFrom (mocked S3Client)', () => {
  const staging = new S3Store(client, 'qdn-site-staging', 'site');

  it('copies server-side within one client: one CopyObject, never Get+Put', async () => {
    s3.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"c0"' }, VersionId: 'v9' });
    const out = await store.copyFrom(staging, 'assets/icon-1a2b.svg', 'assets/icon-1a2b.svg', {
      ifSourceMatch: '"c0"',
    });
    expect(out).toEqual({ etag: '"c0"', versionId: 'v9' });
    expect(s3.calls()).toHaveLength(1);
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'qdn-data',
      Key: 'env/prod/assets/icon-1a2b.svg',
      CopySource: 'qdn-site-staging/site/assets/icon-1a2b.svg',
      CopySourceIfMatch: '"c0"',
      MetadataDirective: 'COPY',
    });
  });

  it('replaces metadata when both fields are given, and encodes each key segment and the version', async () => {
    s3.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"c1"' } });
    const out = await store.copyFrom(staging, 'photos/Mark’s sofa+1?.png', 'a b.png', {
      sourceVersionId: 'v/2+',
      contentType: 'image/png',
      cacheControl: 'no-store',
    });
    expect(out).toEqual({ etag: '"c1"', versionId: null });
    expect(s3.calls()).toHaveLength(1);
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'qdn-data',
      Key: 'env/prod/a b.png',
      CopySource:
        'qdn-site-staging/site/photos/Mark%E2%80%99s%20sofa%2B1%3F.png?versionId=v%2F2%2B',
      MetadataDirective: 'REPLACE',
      ContentType: 'image/png',
      CacheControl: 'no-store',
    });
  });

  it('reads the source’s other field first when only one is given', async () => {
    s3.on(HeadObjectCommand).resolves({ ETag: '"h"', ContentType: 'text/html; charset=utf-8' });
    s3.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"h"' } });
    await store.copyFrom(staging, 'track.html', 'track.html', {
      cacheControl: 'public, max-age=0, must-revalidate',
      sourceVersionId: 'v3',
    });
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, {
      Bucket: 'qdn-site-staging',
      Key: 'site/track.html',
      VersionId: 'v3',
    });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      MetadataDirective: 'REPLACE',
      ContentType: 'text/html; charset=utf-8',
      CacheControl: 'public, max-age=0, must-revalidate',
    });
  });

  it('turns 412 PreconditionFailed into PreconditionFailedError for the source key, with no fallback write', async () => {
    s3.on(CopyObjectCommand).rejects(serviceError('PreconditionFailed', 412));
    const err = await store
      .copyFrom(staging, 'track.html', 'track.html', { ifSourceMatch: '"stale"' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((err as PreconditionFailedError).key).toBe('track.html');
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { CopySourceIfMatch: '"stale"' });
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('gives null for a missing source (NoSuchKey) and passes other errors through', async () => {
    s3.on(CopyObjectCommand).rejects(
      new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'gone' }),
    );
    expect(await store.copyFrom(staging, 'gone.json', 'gone.json')).toBeNull();
    const noBucket = serviceError('NoSuchBucket', 404);
    s3.on(CopyObjectCommand).rejects(noBucket);
    await expect(store.copyFrom(staging, 'a.json', 'a.json')).rejects.toBe(noBucket);
  });

  it('copies through the process (Get+Put, no CopyObject) from a store on another client', async () => {
    const elsewhere = new S3Store(new S3Client({ region: 'eu-west-1' }), 'qdn-other', '');
    const body = {
      transformToByteArray: () => Promise.resolve(new Uint8Array([0, 255, 1])),
    };
    s3.on(GetObjectCommand).resolves({
      Body: body as never,
      ETag: '"g"',
      ContentType: 'image/png',
      CacheControl: 'public, max-age=300',
    });
    s3.on(PutObjectCommand).resolves({ ETag: '"g"', VersionId: 'v1' });
    const out = await store.copyFrom(elsewhere, 'x.png', 'y.png', { ifSourceMatch: '"g"' });
    expect(out).toEqual({ etag: '"g"', versionId: 'v1' });
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: 'qdn-other', Key: 'x.png' });
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      Bucket: 'qdn-data',
      Key: 'env/prod/y.png',
      ContentType: 'image/png',
      CacheControl: 'public, max-age=300',
    });
    expect(Buffer.from(put.Body as Uint8Array)).toEqual(Buffer.from([0, 255, 1]));
  });
});
