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
