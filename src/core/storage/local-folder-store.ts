import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { QdnError } from '../../shared/errors';
import { contentTypeFor } from './content-types';
import { readWithStats, unlessMissing, writeAtomically } from './durable-file';
import { etagOf } from './etag';
import { withFileLock } from './file-lock';
import { FolderHeaders, hasLegacyHeaders, readLegacyHeaders } from './folder-meta';
import { moveInFolder } from './folder-move';
import type { HeaderDefaults, ObjectHeaders } from './folder-meta';
import { DEFAULT_VERSION_BUDGET, FolderVersions } from './folder-versions';
import type { VersionBudget } from './folder-versions';
import {
  assertValidKey,
  isValidKey,
  PreconditionFailedError,
  readCopySource,
} from './object-store';
import type {
  CopyOptions,
  MoveOptions,
  ObjectMeta,
  ObjectStore,
  ObjectVersion,
  PutOptions,
  StoredObject,
} from './object-store';

/** Bookkeeping lives beside the objects, under a name no object key may take. */
const SYSTEM_DIR = '.qdn';

export interface LocalFolderStoreOptions {
  /** Headers of an object stored without any (default: Content-Type from the extension). */
  headers?: HeaderDefaults;
  /** Which keys keep versions, like a bucket with versioning on (default: every key). */
  versioned?: (key: string) => boolean;
  /**
   * How much history a versioned key keeps (default: the newest 20 and 30 days of versions,
   * whatever their size; older ones within 2× the key's size). See VersionBudget.
   */
  budget?: VersionBudget;
}

/**
 * A folder that behaves like a versioned S3 bucket: objects are plain files (so a dispatcher
 * can open jobs.json in an editor), writes are atomic (temp file + rename), conditional writes
 * are checked under a cross-process lock, and overwritten or deleted content is kept (as small
 * reverse deltas, within a budget). ETags are the MD5 of the bytes, like S3's for single-part
 * uploads, so a hand edit changes it.
 */
export class LocalFolderStore implements ObjectStore {
  readonly location: string;
  private readonly headers: FolderHeaders;
  private readonly versioned: (key: string) => boolean;
  private readonly budget: VersionBudget;
  /** ETags this process computed, by file fingerprint: an 11 MB MD5 costs ~20 ms. */
  private readonly etags = new Map<string, { fingerprint: string; etag: string }>();
  private legacyMeta: Promise<boolean> | null = null;
  private lastRead: { key: string; fingerprint: string; body: Buffer; stats: Stats } | null = null;

  constructor(
    private readonly root: string,
    options: LocalFolderStoreOptions = {},
  ) {
    this.location = path.resolve(root);
    this.headers = new FolderHeaders(
      path.join(this.location, SYSTEM_DIR, 'headers.json'),
      options.headers ?? ((key) => ({ contentType: contentTypeFor(key) })),
    );
    this.versioned = options.versioned ?? (() => true);
    this.budget = checkBudget(options.budget ?? DEFAULT_VERSION_BUDGET);
  }

  async get(key: string): Promise<StoredObject | null> {
    const read = await this.readObject(key);
    if (!read) return null;
    return { ...(await this.metaFor(key, read.body, read.stats)), body: read.body };
  }

  async head(key: string): Promise<ObjectMeta | null> {
    assertValidKey(key);
    if (isReservedKey(key)) return null;
    // A file this process has hashed and that has not changed since: no need to read it.
    const stats = await this.statObject(key);
    const known = this.etags.get(key);
    if (stats?.isFile() && known?.fingerprint === fingerprintOf(stats)) {
      return this.metaWith(key, known.etag, stats.size);
    }
    const read = await this.readObject(key);
    return read ? this.metaFor(key, read.body, read.stats) : null;
  }

  async put(
    key: string,
    body: Buffer | string,
    options: PutOptions = {},
  ): Promise<{ etag: string }> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const versioned = this.versioned(key) && this.budget.count > 0;
    return this.withKeyLock(key, async () => {
      // An unconditional write of an unversioned key (a status document) need not read anything.
      const needsCurrent =
        versioned || options.ifNoneMatch === '*' || options.ifMatch !== undefined;
      const current = needsCurrent ? await this.readForWrite(key) : null;
      if (options.ifNoneMatch === '*' && current) throw new PreconditionFailedError(key);
      if (options.ifMatch !== undefined) {
        if (!current || (await this.etagOf(key, current.body, current.stats)) !== options.ifMatch) {
          throw new PreconditionFailedError(key);
        }
      }
      const versions = this.versionsOf(key);
      if (versioned && current) {
        await versions.keepReplaced(
          {
            body: current.body,
            etag: await this.etagOf(key, current.body, current.stats),
            savedAt: current.stats.mtime,
          },
          bytes,
        );
      }
      const file = this.objectPath(key);
      // The copy of what we wrote is bookkeeping: written beside the object, not after it. A
      // crash between the two leaves an older copy, kept as one more version at the next put.
      const [{ result: etag = etagOf(bytes) }, staged] = await Promise.all([
        // An unversioned key is derived data (a status document, rebuilt at every start-up):
        // atomic, but not worth two fsyncs on every job change. The one MD5 of the new bytes
        // (~0.1 s at 50,000 jobs) is computed while the flush runs on libuv's pool.
        writeAtomically(file, bytes, {
          durable: this.versioned(key),
          whileWriting: () => etagOf(bytes),
        }),
        versioned ? versions.stageLatest(bytes) : undefined,
      ]);
      if (staged) await versions.commitLatest(staged, etag);
      // Stats of the file under its final name: the rename changed its ctime.
      const written = await stat(file);
      this.remember(key, written, etag);
      if (versioned) {
        await versions.setSeen(fingerprintOf(written), etag);
        await versions.prune(this.budget, bytes.length);
      } else if (this.budget.count === 0) {
        await rm(this.versionsDir(key), { recursive: true, force: true });
      }
      await this.headers.set(key, {
        ...(options.contentType ? { contentType: options.contentType } : {}),
        ...(options.cacheControl ? { cacheControl: options.cacheControl } : {}),
      });
      return { etag };
    });
  }

  /** A folder has no server to copy for it: the bytes come through this process, from any store. */
  async copyFrom(
    source: ObjectStore,
    sourceKey: string,
    key: string,
    options: CopyOptions = {},
  ): Promise<{ etag: string; versionId: string | null } | null> {
    this.objectPath(key); // a bad target key fails before anything is read
    const object = await readCopySource(source, sourceKey, options);
    if (!object) return null;
    const { etag } = await this.put(key, object.body, {
      contentType: options.contentType ?? object.contentType,
      cacheControl: options.cacheControl ?? object.cacheControl,
    });
    // Folder version ids are this store's own bookkeeping, not S3 version ids to hand out.
    return { etag, versionId: null };
  }

  /** A rename (a put and a delete where history is kept): folder-move.ts. */
  async move(fromKey: string, toKey: string, options: MoveOptions = {}): Promise<boolean> {
    return moveInFolder(
      this,
      {
        objectPath: (key) => this.objectPath(key),
        keepsVersions: (key) => this.versioned(key) && this.budget.count > 0,
        headers: this.headers,
        legacyHeadersOf: (key) => this.legacyHeaders(key),
        forget: (key) => this.etags.delete(key),
      },
      fromKey,
      toKey,
      options,
    );
  }

  async delete(key: string): Promise<void> {
    await this.withKeyLock(key, async () => {
      const current = await this.readObject(key);
      if (!current) return;
      const versions = this.versionsOf(key);
      if (this.versioned(key) && this.budget.count > 0) {
        const etag = await this.etagOf(key, current.body, current.stats);
        await versions.keepReplaced({ body: current.body, etag, savedAt: new Date() }, null);
        await versions.clearLatest();
        await versions.prune(this.budget, current.body.length);
      }
      await rm(this.objectPath(key), { force: true });
      this.etags.delete(key);
      await this.headers.set(key, null);
    });
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    // Only the folders the prefix can reach: listing releases/ must not read every status document.
    const slash = prefix.lastIndexOf('/');
    let start = slash < 0 ? '' : prefix.slice(0, slash);
    if (start !== '' && (!isValidKey(start) || isReservedKey(start))) start = '';
    const keys = (await walk(this.location, start))
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const metas: ObjectMeta[] = [];
    for (const key of keys) {
      const meta = await this.head(key);
      if (meta) metas.push(meta);
    }
    return metas;
  }

  async listVersions(key: string): Promise<ObjectVersion[]> {
    assertValidKey(key);
    if (isReservedKey(key)) return [];
    const current = await this.readObject(key);
    return this.versionsOf(key).list(current?.body ?? null);
  }

  async getVersion(key: string, versionId: string): Promise<StoredObject | null> {
    assertValidKey(key);
    if (!/^[0-9a-z-]+$/.test(versionId) || isReservedKey(key)) return null;
    const body = await this.versionsOf(key).read(
      versionId,
      async () => (await this.readObject(key))?.body ?? null,
    );
    if (!body) return null;
    return { key, etag: etagOf(body), size: body.length, contentType: contentTypeFor(key), body };
  }

  private versionsOf(key: string): FolderVersions {
    return new FolderVersions(this.versionsDir(key));
  }

  private objectPath(key: string): string {
    assertValidKey(key);
    if (isReservedKey(key)) {
      throw new QdnError(
        'bad_request',
        `A folder store cannot hold the key "${key}": keys under ${SYSTEM_DIR}/ and keys ending in .tmp are its own bookkeeping.`,
      );
    }
    return path.join(this.location, ...key.split('/'));
  }

  private versionsDir(key: string): string {
    return path.join(this.location, SYSTEM_DIR, 'versions', ...key.split('/'));
  }

  private async readObject(key: string): Promise<{ body: Buffer; stats: Stats } | null> {
    // The store's own bookkeeping is never an object: reading it finds nothing, as in S3.
    assertValidKey(key);
    if (isReservedKey(key)) return null;
    // A folder where a file's name stands (jobs.json made a folder) is damage, said so: read as
    // missing it would show an empty board that no write can fill. A folder of objects
    // (`api/track`) is a prefix, as in S3: nothing there.
    const read = await readWithStats(this.objectPath(key), { folderIsDamage: namesAFile(key) });
    // The last large versioned object read (jobs.json): a put right after it needs the same
    // bytes for its delta, and need not read 11 MB again if the file has not changed.
    if (read && read.body.length >= 64 * 1024 && this.versioned(key)) {
      this.lastRead = { key, fingerprint: fingerprintOf(read.stats), ...read };
    }
    return read;
  }

  /** The object file's stats; null only when there is no such file. */
  private async statObject(key: string): Promise<Stats | null> {
    const file = this.objectPath(key);
    return unlessMissing('read', file, stat(file), null);
  }

  /** The current bytes for a write: from the last read when the file is unchanged since. */
  private async readForWrite(key: string): Promise<{ body: Buffer; stats: Stats } | null> {
    const last = this.lastRead;
    if (last?.key === key) {
      const stats = await this.statObject(key);
      if (stats?.isFile() && fingerprintOf(stats) === last.fingerprint) return last;
    }
    return this.readObject(key);
  }

  /** From this process's memory, else (versioned keys) the store's own record, else an MD5. */
  private async etagOf(key: string, body: Buffer, stats: Stats): Promise<string> {
    const fingerprint = fingerprintOf(stats);
    const known = this.etags.get(key);
    if (known?.fingerprint === fingerprint) return known.etag;
    const recorded = this.versioned(key) ? await this.versionsOf(key).seen(fingerprint) : null;
    const etag = recorded ?? etagOf(body);
    this.etags.set(key, { fingerprint, etag });
    return etag;
  }

  private remember(key: string, stats: Stats, etag: string): void {
    this.etags.set(key, { fingerprint: fingerprintOf(stats), etag });
  }

  private async metaFor(key: string, body: Buffer, stats: Stats): Promise<ObjectMeta> {
    return this.metaWith(key, await this.etagOf(key, body, stats), body.length);
  }

  private async metaWith(key: string, etag: string, size: number): Promise<ObjectMeta> {
    const headers = (await this.legacyHeaders(key)) ?? (await this.headers.of(key));
    const meta: ObjectMeta = { key, etag, size, contentType: headers.contentType };
    if (headers.cacheControl) meta.cacheControl = headers.cacheControl;
    return meta;
  }

  /** Folders written before headers.json kept a `.qdn/meta/<key>.json` per object; still read. */
  private async legacyHeaders(key: string): Promise<ObjectHeaders | null> {
    const metaDir = path.join(this.location, SYSTEM_DIR, 'meta');
    // A refused look is not remembered: the next call looks again (and fails again, or not).
    this.legacyMeta ??= hasLegacyHeaders(metaDir).catch((err: unknown) => {
      this.legacyMeta = null;
      throw err;
    });
    if (!(await this.legacyMeta)) return null;
    return readLegacyHeaders(metaDir, key, contentTypeFor(key));
  }

  /** Serialises writers of one key across processes (the console and the CLI may share a folder). */
  private async withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const file = this.objectPath(key); // validates the key before anything touches the disk
    // Named after the object's file, so a writer kept waiting is told which one.
    return withFileLock(file, work, { lockfilePath: keyLockFile(this.location, key) });
  }
}

/** The lock file a folder store takes to write `key` (one per key, among its bookkeeping). */
export function keyLockFile(location: string, key: string): string {
  const name = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return path.join(path.resolve(location), SYSTEM_DIR, 'locks', `${name}.lock`);
}

/** A budget that is not non-negative numbers (a whole count) is refused, not guessed at. */
function checkBudget(budget: VersionBudget): VersionBudget {
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (
    !ok(budget.count) ||
    !Number.isInteger(budget.count) ||
    !ok(budget.sizeFactor) ||
    (budget.keepDays !== undefined && !ok(budget.keepDays))
  ) {
    throw new Error(
      `A versions budget needs a whole number of versions ≥ 0, a size factor ≥ 0 and days ≥ 0, got ${JSON.stringify(budget)}`,
    );
  }
  return budget;
}

/** A file's identity and last change, in characters a file name may hold. */
function fingerprintOf(stats: Stats): string {
  return `${stats.ino}_${stats.size}_${stats.mtimeMs}_${stats.ctimeMs}`;
}

async function walk(root: string, rel: string): Promise<string[]> {
  // A folder that is not there holds no keys; one the disk refuses to list is an error, not
  // an empty listing (that would read as "nothing published").
  const dir = path.join(root, rel);
  const entries = await unlessMissing('list', dir, readdir(dir, { withFileTypes: true }), []);
  const keys: string[] = [];
  for (const entry of entries) {
    if (rel === '' && entry.name === SYSTEM_DIR) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) keys.push(...(await walk(root, child)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) keys.push(child);
  }
  return keys;
}

/** A key whose last part has an extension (`jobs.json`, `track.html`) names a file. */
function namesAFile(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name.lastIndexOf('.') > 0;
}

/**
 * Bookkeeping, never an object: the store's own folder, and names ending in `.tmp`, which are
 * writeAtomically's temp files (durable-file.ts) and hidden from every listing — an upload
 * stored under one would be answered 204 and never seen by ingest.
 */
function isReservedKey(key: string): boolean {
  return key === SYSTEM_DIR || key.startsWith(`${SYSTEM_DIR}/`) || key.endsWith('.tmp');
}
