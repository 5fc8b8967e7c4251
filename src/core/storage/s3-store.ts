import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { CopyObjectCommandInput, S3ClientConfig } from '@aws-sdk/client-s3';
import { assertValidKey, PreconditionFailedError, readCopySource } from './object-store';
import { readListingItself } from './s3-listing';
import type {
  CopyOptions,
  MoveOptions,
  ObjectMeta,
  ObjectStore,
  ObjectVersion,
  PutOptions,
  StoredObject,
} from './object-store';

export interface S3ClientSettings {
  region: string;
  /** A custom S3-compatible endpoint (MinIO, R2, a loopback test server). */
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: S3ClientConfig['credentials'];
}

/**
 * An S3 client configured the way this product needs. Checksums are computed only when an
 * operation requires them: the SDK's default (`WHEN_SUPPORTED`) stores chunk framing as data on
 * S3-compatible servers that do not speak the newer trailers.
 */
export function createS3Client(settings: S3ClientSettings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle ?? Boolean(settings.endpoint),
    credentials: settings.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** An S3 bucket (optionally one prefix in it) as an ObjectStore. */
export class S3Store implements ObjectStore {
  readonly location: string;
  private readonly prefix: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    prefix = '',
  ) {
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
    this.location = `s3://${bucket}/${this.prefix}`;
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }),
      );
      const body = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
      return { ...this.meta(key, out.ETag, body.length, out.ContentType, out.CacheControl), body };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async head(key: string, versionId?: string): Promise<ObjectMeta | null> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(key),
          VersionId: versionId,
        }),
      );
      return this.meta(key, out.ETag, out.ContentLength ?? 0, out.ContentType, out.CacheControl);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async put(
    key: string,
    body: Buffer | string,
    options: PutOptions = {},
  ): Promise<{ etag: string }> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(key),
          Body: bytes,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          IfMatch: options.ifMatch,
          IfNoneMatch: options.ifNoneMatch,
        }),
      );
      return { etag: out.ETag ?? '' };
    } catch (err) {
      if (isConditionalFailure(err)) throw new PreconditionFailedError(key);
      // If-Match on a key with no current object: S3 answers 404 NoSuchKey (some servers 412).
      // Either way the object is not the one the caller read, which is what this error says.
      if (options.ifMatch !== undefined && isNotFound(err)) throw new PreconditionFailedError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }),
    );
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const metas: ObjectMeta[] = [];
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: this.prefix + prefix,
        ContinuationToken: token,
      });
      const readHere = readListingItself(command);
      const out = await this.client.send(command);
      const page = readHere() ?? {
        objects: (out.Contents ?? []).flatMap((item) =>
          item.Key ? [{ key: item.Key, etag: item.ETag ?? '', size: item.Size ?? 0 }] : [],
        ),
        truncated: out.IsTruncated === true,
        nextToken: out.NextContinuationToken,
      };
      for (const item of page.objects) {
        metas.push(this.meta(item.key.slice(this.prefix.length), item.etag, item.size));
      }
      token = page.truncated ? page.nextToken : undefined;
    } while (token);
    return metas;
  }

  async listVersions(key: string): Promise<ObjectVersion[]> {
    const full = this.fullKey(key);
    const out = await this.client.send(
      new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: full }),
    );
    return (out.Versions ?? [])
      .filter((v) => v.Key === full && !v.IsLatest && v.VersionId)
      .map((v) => ({
        versionId: v.VersionId!,
        etag: v.ETag ?? '',
        size: v.Size ?? 0,
        lastModified: v.LastModified ?? new Date(0),
      }))
      .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime());
  }

  async getVersion(key: string, versionId: string): Promise<StoredObject | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key), VersionId: versionId }),
      );
      const body = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
      return { ...this.meta(key, out.ETag, body.length, out.ContentType, out.CacheControl), body };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async copyFrom(
    source: ObjectStore,
    sourceKey: string,
    key: string,
    options: CopyOptions = {},
  ): Promise<{ etag: string; versionId: string | null } | null> {
    // One client means one service and one set of credentials: the bytes can stay in S3.
    if (!(source instanceof S3Store) || source.client !== this.client) {
      return this.copyThroughProcess(source, sourceKey, key, options);
    }
    const metadata = await this.copyMetadata(source, sourceKey, options);
    if (!metadata) return null;
    try {
      const out = await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(key),
          CopySource: copySource(source.bucket, source.fullKey(sourceKey), options.sourceVersionId),
          CopySourceIfMatch: options.ifSourceMatch,
          ...metadata,
        }),
      );
      return { etag: out.CopyObjectResult?.ETag ?? '', versionId: out.VersionId ?? null };
    } catch (err) {
      if (isNotFound(err)) return null;
      if (isConditionalFailure(err)) throw new PreconditionFailedError(sourceKey);
      throw err;
    }
  }

  /** S3 has no rename: a server-side copy (the bytes never leave S3), then the delete. */
  async move(fromKey: string, toKey: string, options: MoveOptions = {}): Promise<boolean> {
    if (
      fromKey === toKey &&
      options.contentType === undefined &&
      options.cacheControl === undefined
    )
      return (await this.head(fromKey)) !== null;
    const copied = await this.copyFrom(this, fromKey, toKey, options);
    if (!copied) return false;
    if (fromKey !== toKey) await this.delete(fromKey);
    return true;
  }

  /**
   * CopyObject either copies all metadata or replaces all of it. A caller that gives only one of
   * Content-Type/Cache-Control keeps the source's other one (as the folder store does), so that
   * one is read first. Null when the source is missing.
   */
  private async copyMetadata(
    source: S3Store,
    sourceKey: string,
    options: CopyOptions,
  ): Promise<Pick<
    CopyObjectCommandInput,
    'MetadataDirective' | 'ContentType' | 'CacheControl'
  > | null> {
    const { contentType, cacheControl } = options;
    if (contentType === undefined && cacheControl === undefined)
      return { MetadataDirective: 'COPY' };
    if (contentType !== undefined && cacheControl !== undefined) {
      return { MetadataDirective: 'REPLACE', ContentType: contentType, CacheControl: cacheControl };
    }
    const current = await source.head(sourceKey, options.sourceVersionId);
    if (!current) return null;
    return {
      MetadataDirective: 'REPLACE',
      ContentType: contentType ?? current.contentType,
      CacheControl: cacheControl ?? current.cacheControl,
    };
  }

  /** Another service or a folder: the bytes come through this process. */
  private async copyThroughProcess(
    source: ObjectStore,
    sourceKey: string,
    key: string,
    options: CopyOptions,
  ): Promise<{ etag: string; versionId: string | null } | null> {
    const target = this.fullKey(key); // a bad target key fails before anything is read
    const object = await readCopySource(source, sourceKey, options);
    if (!object) return null;
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: target,
        Body: object.body,
        ContentType: options.contentType ?? object.contentType,
        CacheControl: options.cacheControl ?? object.cacheControl,
      }),
    );
    return { etag: out.ETag ?? '', versionId: out.VersionId ?? null };
  }

  private fullKey(key: string): string {
    assertValidKey(key);
    return this.prefix + key;
  }

  private meta(
    key: string,
    etag: string | undefined,
    size: number,
    contentType?: string,
    cacheControl?: string,
  ): ObjectMeta {
    const meta: ObjectMeta = { key, etag: etag ?? '', size };
    if (contentType) meta.contentType = contentType;
    if (cacheControl) meta.cacheControl = cacheControl;
    return meta;
  }
}

/**
 * The x-amz-copy-source value: `bucket/key`, each key segment URL-encoded (S3 decodes it; a raw
 * space, `+` or `?` would be misread), `/` kept as the separator.
 */
function copySource(bucket: string, fullKey: string, versionId?: string): string {
  const encoded = fullKey.split('/').map(encodeURIComponent).join('/');
  const version = versionId === undefined ? '' : `?versionId=${encodeURIComponent(versionId)}`;
  return `${bucket}/${encoded}${version}`;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}

/** A missing object or version — never a missing bucket, which is a misconfiguration to report. */
function isNotFound(err: unknown): boolean {
  if (!(err instanceof S3ServiceException) || err.name === 'NoSuchBucket') return false;
  return (
    err.name === 'NoSuchKey' ||
    err.name === 'NotFound' ||
    err.name === 'NoSuchVersion' ||
    statusOf(err) === 404
  );
}

/** 412: the ETag no longer matches; 409: a concurrent conditional write won (S3 says retry). */
function isConditionalFailure(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return (
    err.name === 'PreconditionFailed' ||
    err.name === 'ConditionalRequestConflict' ||
    statusOf(err) === 412 ||
    statusOf(err) === 409
  );
}
