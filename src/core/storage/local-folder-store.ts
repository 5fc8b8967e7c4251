import { createHash, randomBytes } from 'node:crypto';
import { etagOf } from './etag';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { contentTypeFor } from './content-types';
import { assertValidKey, PreconditionFailedError } from './object-store';
import type {
  CopyOptions,
  ObjectMeta,
  ObjectStore,
  ObjectVersion,
  PutOptions,
  StoredObject,
} from './object-store';

/** Bookkeeping lives beside the objects, under a name no object key may take. */
const SYSTEM_DIR = '.qdn';
/** Earlier versions kept per key, plus the current one. */
const KEPT_VERSIONS = 20 + 1;

interface SideMeta {
  contentType?: string;
  cacheControl?: string;
}

/**
 * A folder that behaves like a versioned S3 bucket: objects are plain files (so a dispatcher
 * can open jobs.json in an editor), writes are atomic (temp file + rename), conditional writes
 * are checked under a cross-process lock, and overwritten or deleted content is kept.
 * ETags are the MD5 of the bytes, like S3's for single-part uploads, so a hand edit changes it.
 */
export class LocalFolderStore implements ObjectStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = path.resolve(root);
  }

  async get(key: string): Promise<StoredObject | null> {
    const body = await this.readObject(key);
    if (!body) return null;
    return { ...(await this.metaFor(key, body)), body };
  }

  async head(key: string): Promise<ObjectMeta | null> {
    const body = await this.readObject(key);
    return body ? this.metaFor(key, body) : null;
  }

  async put(
    key: string,
    body: Buffer | string,
    options: PutOptions = {},
  ): Promise<{ etag: string }> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return this.withKeyLock(key, async () => {
      const current = await this.readObject(key);
      if (options.ifNoneMatch === '*' && current) throw new PreconditionFailedError(key);
      if (options.ifMatch !== undefined && (!current || etagOf(current) !== options.ifMatch)) {
        throw new PreconditionFailedError(key);
      }
      // Like S3 versioning, every write is a version. Content written by hand, outside the
      // store, is kept too before it is replaced — so the version before it survives as well.
      if (current && !(await this.isNewestVersion(key, current))) {
        await this.keepVersion(key, current);
      }
      await this.keepVersion(key, bytes);
      await writeAtomically(this.objectPath(key), bytes);
      const side: SideMeta = {};
      if (options.contentType) side.contentType = options.contentType;
      if (options.cacheControl) side.cacheControl = options.cacheControl;
      await writeAtomically(this.sidePath(key), Buffer.from(JSON.stringify(side)));
      return { etag: etagOf(bytes) };
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
    const object = options.sourceVersionId
      ? await source.getVersion(sourceKey, options.sourceVersionId)
      : await source.get(sourceKey);
    if (!object) return null;
    // The bytes in hand are the ones compared, so no later change to the source can slip in.
    if (options.ifSourceMatch !== undefined && object.etag !== options.ifSourceMatch) {
      throw new PreconditionFailedError(sourceKey);
    }
    const { etag } = await this.put(key, object.body, {
      contentType: options.contentType ?? object.contentType,
      cacheControl: options.cacheControl ?? object.cacheControl,
    });
    // Folder version ids are this store's own bookkeeping, not S3 version ids to hand out.
    return { etag, versionId: null };
  }

  async delete(key: string): Promise<void> {
    await this.withKeyLock(key, async () => {
      const current = await this.readObject(key);
      if (!current) return;
      if (!(await this.isNewestVersion(key, current))) await this.keepVersion(key, current);
      await rm(this.objectPath(key), { force: true });
      await rm(this.sidePath(key), { force: true });
    });
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const keys = (await walk(this.location, ''))
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
    const dir = this.versionsDir(key);
    const versions: ObjectVersion[] = [];
    for (const versionId of await this.versionIds(key)) {
      const info = await stat(path.join(dir, versionId));
      const body = await readFile(path.join(dir, versionId));
      versions.push({ versionId, etag: etagOf(body), size: info.size, lastModified: info.mtime });
    }
    // Version ids start with a zero-padded timestamp, so reverse name order is newest first.
    versions.sort((a, b) => (a.versionId < b.versionId ? 1 : -1));
    // "Earlier" versions: the newest one is the current object, unless that was edited by hand.
    const current = await this.readObject(key);
    if (current && versions[0]?.etag === etagOf(current)) versions.shift();
    return versions;
  }

  /** A key's version ids, oldest first. A .tmp is a version write a crash cut short: not one. */
  private async versionIds(key: string): Promise<string[]> {
    const names = await readdir(this.versionsDir(key)).catch(() => [] as string[]);
    return names.filter((n) => !n.endsWith('.tmp')).sort();
  }

  private async isNewestVersion(key: string, body: Buffer): Promise<boolean> {
    const newest = (await this.versionIds(key)).at(-1);
    if (!newest) return false;
    const stored = await readFile(path.join(this.versionsDir(key), newest)).catch(() => null);
    return stored !== null && stored.equals(body);
  }

  async getVersion(key: string, versionId: string): Promise<StoredObject | null> {
    assertValidKey(key);
    if (!/^[0-9a-z-]+$/.test(versionId)) return null;
    const body = await readFile(path.join(this.versionsDir(key), versionId)).catch(() => null);
    if (!body) return null;
    return { key, etag: etagOf(body), size: body.length, contentType: contentTypeFor(key), body };
  }

  private objectPath(key: string): string {
    assertValidKey(key);
    if (isReservedKey(key)) {
      throw new Error(`Object keys may not start with ${SYSTEM_DIR}/`);
    }
    return path.join(this.location, ...key.split('/'));
  }

  private sidePath(key: string): string {
    return path.join(this.location, SYSTEM_DIR, 'meta', ...key.split('/')) + '.json';
  }

  private versionsDir(key: string): string {
    return path.join(this.location, SYSTEM_DIR, 'versions', ...key.split('/'));
  }

  private async readObject(key: string): Promise<Buffer | null> {
    // The store's own bookkeeping is never an object: reading it finds nothing, as in S3.
    assertValidKey(key);
    if (isReservedKey(key)) return null;
    try {
      return await readFile(this.objectPath(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  private async metaFor(key: string, body: Buffer): Promise<ObjectMeta> {
    const side = await readFile(this.sidePath(key), 'utf8')
      .then((text) => JSON.parse(text) as SideMeta)
      .catch((): SideMeta => ({}));
    const meta: ObjectMeta = {
      key,
      etag: etagOf(body),
      size: body.length,
      contentType: side.contentType ?? contentTypeFor(key),
    };
    if (side.cacheControl) meta.cacheControl = side.cacheControl;
    return meta;
  }

  private async keepVersion(key: string, body: Buffer): Promise<void> {
    const dir = this.versionsDir(key);
    await mkdir(dir, { recursive: true });
    const names = await this.versionIds(key);
    // Ids sort in write order even within one millisecond: each is above the last (we hold the
    // key lock, so no other writer mints one meanwhile).
    const last = Number(names.at(-1)?.split('-')[0] ?? 0);
    const versionId = `${String(Math.max(Date.now(), last + 1)).padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
    await writeAtomically(path.join(dir, versionId), body);
    names.push(versionId);
    for (const old of names.slice(0, Math.max(0, names.length - KEPT_VERSIONS))) {
      await rm(path.join(dir, old), { force: true });
    }
  }

  /** Serialises writers of one key across processes (the console and the CLI may share a folder). */
  private async withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    this.objectPath(key); // validates the key before anything touches the disk
    const lockPath = path.join(
      this.location,
      SYSTEM_DIR,
      'locks',
      createHash('sha256').update(key).digest('hex').slice(0, 32),
    );
    await mkdir(path.dirname(lockPath), { recursive: true });
    // proper-lockfile tracks its locks by the path it is given, so each key gets its own path.
    const release = await lockfile.lock(lockPath, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 50, minTimeout: 5, maxTimeout: 100 },
    });
    try {
      return await work();
    } finally {
      await release();
    }
  }
}

/**
 * Readers see the old bytes or the new, never a part; and once this resolves the new bytes
 * survive a power cut (file flushed before the rename, directory entry flushed after it).
 */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function walk(root: string, rel: string): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  const keys: string[] = [];
  for (const entry of entries) {
    if (rel === '' && entry.name === SYSTEM_DIR) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) keys.push(...(await walk(root, child)));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) keys.push(child);
  }
  return keys;
}

function isReservedKey(key: string): boolean {
  return key === SYSTEM_DIR || key.startsWith(`${SYSTEM_DIR}/`);
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
