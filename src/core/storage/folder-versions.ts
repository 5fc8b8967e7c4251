import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb } from 'node:zlib';
import pLimit from 'p-limit';
import { etagOf } from './etag';
import { storageFailure, unlessMissing, writeAtomically } from './durable-file';
import { damaged, delta, deltaBytes, full, readHeader, readVersion } from './version-file';
import type { Encoded, Header } from './version-file';
import type { ObjectVersion } from './object-store';

const gunzip = promisify(gunzipCb);

/**
 * How much history a key keeps, as S3's lifecycle rule for noncurrent versions says it
 * (NewerNoncurrentVersions and NoncurrentDays): the newest `count` versions and every version
 * replaced less than `keepDays` ago are never dropped, whatever their size. Only older ones
 * are, oldest first, while the key's versions together take more than `sizeFactor` × the
 * current object's size. `count` 0 turns versions off for the key.
 */
export interface VersionBudget {
  count: number;
  sizeFactor: number;
  /** Default 30. */
  keepDays?: number;
}

/** jobs.json's rule (issue 15): 20 versions and 30 days kept, beyond that 2× the file's size. */
export const DEFAULT_VERSION_BUDGET: VersionBudget = { count: 20, sizeFactor: 2, keepDays: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Header reads in flight while listing: libuv's pool has 4 threads; this keeps them busy. */
const HEADER_READS = 32;

/** Small files are cheap: this much history is always allowed, however small the file. */
const MIN_BUDGET_BYTES = 64 * 1024;

interface Entry {
  versionId: string;
  file: string;
  /** Files written before this format: the raw bytes, no header. */
  legacy: boolean;
  /** The file's size, from its name (`<id>.<bytes>.v`); null for files named before that. */
  bytes: number | null;
  /** When it was replaced (its id starts with that time, in ms), for its age. */
  replacedAt: number;
}

/** `<id>.v`, or `<id>.<bytes>.v` since issue 15: pruning then needs no stat per version. */
const VERSION_FILE = /^([0-9a-z-]+?)(?:\.(\d+))?\.v$/;

const LATEST = 'latest-';
const SEEN = 'seen-';

/**
 * The kept versions of one key, in `.qdn/versions/<key>/`. Besides the versions, `latest-<md5>`
 * holds a copy of what the store last wrote: a hand edit of the object then cannot take the
 * last good content with it (and it is the base of the newest delta).
 */
export class FolderVersions {
  constructor(private readonly dir: string) {}

  /** Version files oldest first; a `.tmp` is a write a crash cut short, not a version. */
  private async entries(): Promise<{ entries: Entry[]; latest: string | null }> {
    const names = await this.names();
    const entries: Entry[] = [];
    let latest: string | null = null;
    for (const name of names.sort()) {
      if (name.endsWith('.tmp') || name.startsWith(SEEN)) continue;
      if (name.startsWith(LATEST)) {
        latest = name;
        continue;
      }
      const named = VERSION_FILE.exec(name);
      const versionId = named ? named[1]! : name;
      entries.push({
        versionId,
        file: name,
        legacy: !name.endsWith('.v'),
        bytes: named?.[2] === undefined ? null : Number(named[2]),
        replacedAt: Number(/^\d+/.exec(versionId)?.[0] ?? 0),
      });
    }
    return { entries, latest };
  }

  /** The files in this key's folder; none when it has none yet. Refused is an error, not "none". */
  private async names(): Promise<string[]> {
    return unlessMissing('list the versions in', this.dir, readdir(this.dir), [] as string[]);
  }

  /** A kept file's bytes; null only when it is no longer there (pruned meanwhile). */
  private async readKept(name: string): Promise<Buffer | null> {
    const file = path.join(this.dir, name);
    return unlessMissing('read', file, readFile(file), null);
  }

  /** The ETag of the content the store last wrote, if it kept a copy. */
  async latestEtag(): Promise<string | null> {
    const { latest } = await this.entries();
    return latest ? `"${latest.slice(LATEST.length)}"` : null;
  }

  /**
   * Keeps `current` (about to be replaced by `next`, or deleted when `next` is null). If the
   * object was edited by hand since the store wrote it, the store's own last write is kept first.
   */
  async keepReplaced(
    current: { body: Buffer; etag: string; savedAt: Date },
    next: Buffer | null,
  ): Promise<void> {
    const { entries, latest } = await this.entries();
    let last = Number(entries.at(-1)?.versionId.split('-')[0] ?? 0);
    const mint = () => {
      last = Math.max(Date.now(), last + 1);
      return `${String(last).padStart(15, '0')}-${randomBytes(4).toString('hex')}`;
    };
    if (latest && `"${latest.slice(LATEST.length)}"` !== current.etag) {
      const body = await this.readKept(latest);
      if (body) await this.write(mint(), await full(body, new Date()));
    } else if (!latest) {
      // Folders from before this format kept the current content as their newest version.
      const newest = entries.at(-1);
      if (newest?.legacy) {
        const body = await this.readKept(newest.file);
        if (body?.equals(current.body)) return;
      }
    }
    await this.write(
      mint(),
      next ? await delta(current, next) : await full(current.body, current.savedAt),
    );
  }

  /**
   * Copies what the store is writing (a copy, not a link: an editor may rewrite in place) under
   * a temporary name, beside the object's own write; `commitLatest` names it once the write's
   * ETag is known. Until then the previous `latest-` stands, so a crash between the two keeps
   * the previous content (as one more version at the next put).
   */
  async stageLatest(body: Buffer): Promise<string> {
    const name = `${LATEST}staged-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeAtomically(path.join(this.dir, name), body, { durable: false });
    return name;
  }

  /**
   * Makes a staged copy `latest-<md5>`, and removes the previous one and any `.tmp` a crashed
   * write left (writers of one key hold its lock, so no other write is under way here).
   */
  async commitLatest(staged: string, etag: string): Promise<void> {
    const name = `${LATEST}${etag.slice(1, -1)}`;
    const names = await this.names();
    await rename(path.join(this.dir, staged), path.join(this.dir, name)).catch((err: unknown) => {
      throw storageFailure('write', path.join(this.dir, name), err);
    });
    for (const old of names) {
      const stale = old.endsWith('.tmp') || (old.startsWith(LATEST) && old !== name);
      if (stale && old !== staged) await rm(path.join(this.dir, old), { force: true });
    }
  }

  /**
   * Remembers the ETag of the object file as the store left it, by the file's fingerprint
   * (inode, size, mtime, ctime): a later process then need not hash 11 MB to learn it. Any
   * change to the file — a hand edit included — changes its ctime, so a stale entry never matches.
   */
  async setSeen(fingerprint: string, etag: string): Promise<void> {
    const names = await this.names();
    const name = `${SEEN}${fingerprint}-${etag.slice(1, -1)}`;
    const file = path.join(this.dir, name);
    await writeFile(file, '').catch((err: unknown) => {
      throw storageFailure('write', file, err);
    });
    for (const old of names) {
      if (old.startsWith(SEEN) && old !== name) await rm(path.join(this.dir, old), { force: true });
    }
  }

  /** The ETag remembered for this fingerprint, if any. */
  async seen(fingerprint: string): Promise<string | null> {
    const names = await this.names();
    const prefix = `${SEEN}${fingerprint}-`;
    const hit = names.find((name) => name.startsWith(prefix));
    return hit ? `"${hit.slice(prefix.length)}"` : null;
  }

  async clearLatest(): Promise<void> {
    const { latest } = await this.entries();
    if (latest) await rm(path.join(this.dir, latest), { force: true });
  }

  /**
   * Drops the oldest versions beyond the budget (see VersionBudget): never one of the newest
   * `count`, nor one replaced less than `keepDays` before `now`. Ids grow with time, so those
   * kept are the newest run of versions and those dropped the oldest; newer versions never
   * depend on older ones, so what stays still reads. Stats no file unless one may go.
   */
  async prune(budget: VersionBudget, currentSize: number, now = Date.now()): Promise<void> {
    const { entries } = await this.entries();
    const youngFrom = now - (budget.keepDays ?? DEFAULT_VERSION_BUDGET.keepDays!) * DAY_MS;
    const firstYoung = entries.findIndex((entry) => entry.replacedAt >= youngFrom);
    const keptFrom = Math.max(
      0,
      Math.min(entries.length - budget.count, firstYoung < 0 ? entries.length : firstYoung),
    );
    if (keptFrom === 0) return;
    const maxBytes =
      budget.sizeFactor === 0 ? 0 : Math.max(budget.sizeFactor * currentSize, MIN_BUDGET_BYTES);
    const sizes: number[] = [];
    for (const entry of entries) {
      sizes.push(entry.bytes ?? (await fileSize(path.join(this.dir, entry.file))));
    }
    let bytes = sizes.reduce((sum, size) => sum + size, 0);
    for (let i = 0; i < keptFrom && bytes > maxBytes; i++) {
      await rm(path.join(this.dir, entries[i]!.file), { force: true });
      bytes -= sizes[i]!;
    }
  }

  /**
   * Earlier versions, newest first, from their headers (legacy files are read in full). Read
   * a few dozen at a time: 30 days of a busy office is thousands of versions, and one header
   * after another took ~0.6 s for 3,000 here.
   */
  async list(current: Buffer | null): Promise<ObjectVersion[]> {
    const { entries, latest } = await this.entries();
    const limit = pLimit(HEADER_READS);
    const listed = await Promise.all(entries.map((entry) => limit(() => this.describe(entry))));
    const versions = listed.filter((v): v is ObjectVersion => v !== null);
    // A hand edit replaced what the store last wrote: that content is a version already.
    if (latest && current && `"${latest.slice(LATEST.length)}"` !== etagOf(current)) {
      const file = path.join(this.dir, latest);
      const size = await fileSize(file);
      const etag = `"${latest.slice(LATEST.length)}"`;
      versions.push({ versionId: latest, etag, size, lastModified: await mtime(file) });
    }
    versions.reverse();
    // A folder from before this format kept the current content as its newest version.
    if (!latest && current && entries.at(-1)?.legacy && versions[0]?.etag === etagOf(current)) {
      versions.shift();
    }
    return versions;
  }

  /** One kept version as listed; null when it is no longer there (pruned meanwhile). */
  private async describe(entry: Entry): Promise<ObjectVersion | null> {
    const file = path.join(this.dir, entry.file);
    if (entry.legacy) {
      const body = await this.readKept(entry.file);
      if (!body) return null;
      const info = { etag: etagOf(body), size: body.length };
      return { versionId: entry.versionId, ...info, lastModified: await mtime(file) };
    }
    const header = await readHeader(file);
    if (header === 'missing') return null;
    if (header === 'damaged') {
      // Listed, not hidden: reading it says it is damaged, so the dispatcher sees why it
      // cannot be restored. Its ETag is unknown (empty); size and date are the file's.
      const [size, lastModified] = [await fileSize(file), await mtime(file)];
      return { versionId: entry.versionId, etag: '', size, lastModified };
    }
    const { etag, size, savedAt } = header;
    return { versionId: entry.versionId, etag, size, lastModified: new Date(savedAt) };
  }

  /**
   * One version's bytes, rebuilt from the nearest whole copy above it; null if unknown. A
   * version that cannot be rebuilt to the ETag recorded when it was kept is an error naming it:
   * wrong bytes are never returned, and damage never reads as "no such version".
   */
  async read(versionId: string, current: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const { entries, latest } = await this.entries();
    if (versionId === latest) return this.readKept(latest);
    const index = entries.findIndex((e) => e.versionId === versionId);
    if (index < 0) return null;
    // The chain: this version, then newer ones up to the first whole copy (or the top).
    let top = index;
    const decoded: Array<{ header: Header; payload: Buffer } | Buffer> = [];
    for (; top < entries.length; top++) {
      const entry = entries[top]!;
      const file = path.join(this.dir, entry.file);
      const item = entry.legacy ? await this.readKept(entry.file) : await readVersion(file);
      if (!item) return null; // pruned while being read: no longer stored
      if (item === 'damaged') throw damaged(versionId, file, 'its header is not readable');
      decoded.push(item);
      if (Buffer.isBuffer(item) || item.header.kind === 'gzip') break;
    }
    let content: Buffer | null = null;
    if (top === entries.length) {
      content = latest ? await this.readKept(latest) : await current();
    }
    let wanted: string | null = null;
    for (const item of decoded.reverse()) {
      if (Buffer.isBuffer(item)) {
        content = item;
        wanted = null;
      } else if (item.header.kind === 'gzip') {
        content = await this.inflated(versionId, gunzip(item.payload));
        wanted = item.header.etag;
      } else {
        const { base, baseSize } = item.header;
        const payload = await this.inflated(versionId, deltaBytes(item.header, item.payload));
        if (
          !content ||
          (base !== undefined && etagOf(content) !== base) ||
          (baseSize !== undefined && content.length !== baseSize)
        ) {
          throw damaged(versionId, this.dir, 'a change it was kept as no longer applies');
        }
        const { prefix = 0, suffix = 0 } = item.header;
        content = Buffer.concat([
          content.subarray(0, prefix),
          payload,
          content.subarray(content.length - suffix),
        ]);
        wanted = item.header.etag;
      }
    }
    if (!content) throw damaged(versionId, this.dir, 'the content it was kept against is gone');
    if (wanted !== null && etagOf(content) !== wanted) {
      throw damaged(versionId, this.dir, 'its bytes no longer match the ETag recorded when kept');
    }
    return content;
  }

  /** Compressed bytes that do not inflate are damage, named as such (not zlib's own error). */
  private async inflated(versionId: string, inflating: Promise<Buffer>): Promise<Buffer> {
    try {
      return await inflating;
    } catch {
      throw damaged(versionId, this.dir, 'its compressed bytes do not inflate');
    }
  }

  private async write(versionId: string, { header, payload }: Encoded): Promise<void> {
    const bytes = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
    // Not flushed on its own: the durable write of the object that follows commits the
    // journal (ext4 data=ordered writes this file's data first). Every read checks its ETag.
    // Its size is in its name, so pruning knows every version's size from one readdir.
    const name = `${versionId}.${bytes.length}.v`;
    await writeAtomically(path.join(this.dir, name), bytes, { durable: false });
  }
}

/** 0 for a file pruned meanwhile; a refused stat is an error. */
async function fileSize(file: string): Promise<number> {
  return (await unlessMissing('read', file, stat(file), null))?.size ?? 0;
}

async function mtime(file: string): Promise<Date> {
  try {
    return (await stat(file)).mtime;
  } catch (err) {
    throw storageFailure('read', file, err);
  }
}
