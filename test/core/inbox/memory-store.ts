import type {
  MoveOptions,
  ObjectMeta,
  ObjectStore,
  PutOptions,
  StoredObject,
} from '../../../src/core/storage/object-store';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import { etagOf } from '../../../src/core/storage/etag';

/** A bucket in memory with S3's conditional writes: the inbox tests' data store. */
export class MemoryStore implements ObjectStore {
  readonly location = 'memory://data/';
  readonly objects = new Map<string, StoredObject>();

  get(key: string): Promise<StoredObject | null> {
    return Promise.resolve(this.objects.get(key) ?? null);
  }
  async head(key: string): Promise<ObjectMeta | null> {
    const object = await this.get(key);
    if (!object) return null;
    const { body: _body, ...meta } = object;
    return meta;
  }
  put(key: string, body: Buffer | string, options: PutOptions = {}): Promise<{ etag: string }> {
    const current = this.objects.get(key);
    if (options.ifNoneMatch && current) return Promise.reject(new PreconditionFailedError(key));
    if (options.ifMatch && current?.etag !== options.ifMatch) {
      return Promise.reject(new PreconditionFailedError(key));
    }
    const bytes = Buffer.from(body);
    const etag = etagOf(bytes);
    this.objects.set(key, {
      key,
      body: bytes,
      etag,
      size: bytes.length,
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
    });
    return Promise.resolve({ etag });
  }
  delete(key: string): Promise<void> {
    this.objects.delete(key);
    return Promise.resolve();
  }
  list(prefix: string): Promise<ObjectMeta[]> {
    return Promise.resolve(
      [...this.objects.values()]
        .filter((o) => o.key.startsWith(prefix))
        .sort((a, b) => a.key.localeCompare(b.key))
        .map(({ body: _body, ...meta }) => meta),
    );
  }
  listVersions() {
    return Promise.resolve([]);
  }
  getVersion() {
    return Promise.resolve(null);
  }
  copyFrom(): Promise<null> {
    return Promise.reject(new Error('not used by the inbox'));
  }
  /** As S3 does it: a copy, then a delete. */
  async move(fromKey: string, toKey: string, options: MoveOptions = {}): Promise<boolean> {
    const object = this.objects.get(fromKey);
    if (!object) return false;
    await this.put(toKey, object.body, {
      contentType: options.contentType ?? object.contentType,
      cacheControl: options.cacheControl ?? object.cacheControl,
    });
    if (fromKey !== toKey) await this.delete(fromKey);
    return true;
  }
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
