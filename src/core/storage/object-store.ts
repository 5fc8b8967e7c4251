/** Metadata of one stored object. ETags are quoted, as S3 returns them. */
export interface ObjectMeta {
  key: string;
  etag: string;
  size: number;
  contentType?: string;
  cacheControl?: string;
}

export interface StoredObject extends ObjectMeta {
  body: Buffer;
}

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
  /** Write only if the current object has this ETag. */
  ifMatch?: string;
  /** Write only if no object exists under the key. */
  ifNoneMatch?: '*';
}

export interface CopyOptions {
  /** Copy only while the source still has this ETag (S3 CopySourceIfMatch), else PreconditionFailedError. */
  ifSourceMatch?: string;
  /** Copy an earlier version of the source (S3 versionId) instead of its current content. */
  sourceVersionId?: string;
  /** Replace the copy's Content-Type (and Cache-Control); without them the source's are kept. */
  contentType?: string;
  cacheControl?: string;
}

/** Headers a move gives the object at its new key; without them it keeps its own. */
export type MoveOptions = Pick<CopyOptions, 'contentType' | 'cacheControl'>;

export interface ObjectVersion {
  versionId: string;
  etag: string;
  size: number;
  lastModified: Date;
}

/**
 * The storage port: a bucket (or a folder that stands for one). Both adapters pass the same
 * contract tests, so core code never knows which one it has.
 */
export interface ObjectStore {
  /** Where this store points, for messages: `s3://bucket/prefix` or a folder path. */
  readonly location: string;
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectMeta | null>;
  put(key: string, body: Buffer | string, options?: PutOptions): Promise<{ etag: string }>;
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<ObjectMeta[]>;
  /** Earlier versions of `key`, newest first (empty where versioning is off). */
  listVersions(key: string): Promise<ObjectVersion[]>;
  getVersion(key: string, versionId: string): Promise<StoredObject | null>;
  /**
   * Copies `sourceKey` of `source` to `key` here: server-side (S3 CopyObject) when both are
   * buckets of one service, else bytes and metadata through this process. Null when the
   * source object (or version) does not exist.
   */
  copyFrom(
    source: ObjectStore,
    sourceKey: string,
    key: string,
    options?: CopyOptions,
  ): Promise<{ etag: string; versionId: string | null } | null>;
  /**
   * Moves `fromKey` to `toKey` (replacing any object there) with its bytes, Content-Type and
   * Cache-Control; false, changing nothing, when `fromKey` does not exist. On S3 it is a
   * server-side copy, then a delete: interrupted between the two, both keys hold the object,
   * never neither (so a caller that files things away redoes the move, it loses nothing).
   */
  move(fromKey: string, toKey: string, options?: MoveOptions): Promise<boolean>;
}

/** A conditional write lost a race (HTTP 412 Precondition Failed or 409 Conflict). */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(readonly key: string) {
    super(`The object "${key}" changed since it was read.`);
  }
}

/** Keys are relative, slash-separated, and never climb out of the store. */
export function isValidKey(key: string): boolean {
  return (
    key.length > 0 &&
    key.length <= 1024 &&
    !key.startsWith('/') &&
    !key.includes('\\') &&
    !key.includes('\0') &&
    key.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`Invalid object key: ${JSON.stringify(key)}`);
}

/**
 * The source object of a copy made through this process (no server-side copy available),
 * checked against `ifSourceMatch`. The bytes in hand are the ones compared, so no later change
 * to the source can slip in. Null when the source (or its version) does not exist.
 */
export async function readCopySource(
  source: ObjectStore,
  sourceKey: string,
  options: CopyOptions,
): Promise<StoredObject | null> {
  const object = options.sourceVersionId
    ? await source.getVersion(sourceKey, options.sourceVersionId)
    : await source.get(sourceKey);
  if (object && options.ifSourceMatch !== undefined && object.etag !== options.ifSourceMatch) {
    throw new PreconditionFailedError(sourceKey);
  }
  return object;
}
