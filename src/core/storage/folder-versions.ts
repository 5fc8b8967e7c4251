import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { etagOf } from './etag';
import { isMissing, writeAtomically } from './durable-file';
import type { ObjectVersion } from './object-store';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/** How much history a key keeps: at most `count` versions, within `sizeFactor` × its size. */
export interface VersionBudget {
  count: number;
  sizeFactor: number;
}

/** The last 20 versions within twice the current file's size (jobs.json's rule, issue 9). */
export const DEFAULT_VERSION_BUDGET: VersionBudget = { count: 20, sizeFactor: 2 };

/** Small files are cheap: this much history is always allowed, however small the file. */
const MIN_BUDGET_BYTES = 64 * 1024;

/**
 * A stored version is a header line (JSON) and a payload: the whole content gzipped, or a
 * reverse delta — what differs from the next newer version (or from `latest`), as the common
 * prefix and suffix lengths and the bytes between. A create or a status change touches one job,
 * so a jobs.json version costs a few hundred bytes instead of the whole file.
 */
interface Header {
  etag: string;
  size: number;
  savedAt: string;
  kind: 'gzip' | 'delta';
  /** Delta only: bytes shared with the newer content at its start and end, and its ETag. */
  prefix?: number;
  suffix?: number;
  base?: string;
}

interface Entry {
  versionId: string;
  file: string;
  /** Files written before this format: the raw bytes, no header. */
  legacy: boolean;
}

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
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries: Entry[] = [];
    let latest: string | null = null;
    for (const name of names.sort()) {
      if (name.endsWith('.tmp') || name.startsWith(SEEN)) continue;
      if (name.startsWith(LATEST)) {
        latest = name;
        continue;
      }
      const legacy = !name.endsWith('.v');
      entries.push({ versionId: legacy ? name : name.slice(0, -2), file: name, legacy });
    }
    return { entries, latest };
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
      const body = await readFile(path.join(this.dir, latest)).catch(() => null);
      if (body) await this.write(mint(), await full(body, new Date()));
    } else if (!latest) {
      // Folders from before this format kept the current content as their newest version.
      const newest = entries.at(-1);
      if (newest?.legacy) {
        const body = await readFile(path.join(this.dir, newest.file)).catch(() => null);
        if (body?.equals(current.body)) return;
      }
    }
    await this.write(
      mint(),
      next ? delta(current, next) : await full(current.body, current.savedAt),
    );
  }

  /** Records what the store just wrote (a copy, not a link: an editor may rewrite in place). */
  async setLatest(body: Buffer, etag: string): Promise<void> {
    const name = `${LATEST}${etag.slice(1, -1)}`;
    const { latest } = await this.entries();
    if (latest === name) return;
    await writeAtomically(path.join(this.dir, name), body, { durable: false });
    if (latest) await rm(path.join(this.dir, latest), { force: true });
  }

  /**
   * Remembers the ETag of the object file as the store left it, by the file's fingerprint
   * (inode, size, mtime, ctime): a later process then need not hash 11 MB to learn it. Any
   * change to the file — a hand edit included — changes its ctime, so a stale entry never matches.
   */
  async setSeen(fingerprint: string, etag: string): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const name = `${SEEN}${fingerprint}-${etag.slice(1, -1)}`;
    await writeFile(path.join(this.dir, name), '').catch(() => undefined);
    for (const old of names) {
      if (old.startsWith(SEEN) && old !== name) await rm(path.join(this.dir, old), { force: true });
    }
  }

  /** The ETag remembered for this fingerprint, if any. */
  async seen(fingerprint: string): Promise<string | null> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const prefix = `${SEEN}${fingerprint}-`;
    const hit = names.find((name) => name.startsWith(prefix));
    return hit ? `"${hit.slice(prefix.length)}"` : null;
  }

  async clearLatest(): Promise<void> {
    const { latest } = await this.entries();
    if (latest) await rm(path.join(this.dir, latest), { force: true });
  }

  /** Drops the oldest versions beyond the budget. Newer versions never depend on older ones. */
  async prune(budget: VersionBudget, currentSize: number): Promise<void> {
    const { entries } = await this.entries();
    const maxBytes =
      budget.sizeFactor === 0 ? 0 : Math.max(budget.sizeFactor * currentSize, MIN_BUDGET_BYTES);
    let kept = 0;
    let bytes = 0;
    let dropping = false;
    for (const entry of [...entries].reverse()) {
      if (!dropping) {
        const size = await fileSize(path.join(this.dir, entry.file));
        dropping = kept + 1 > budget.count || bytes + size > maxBytes;
        if (!dropping) {
          kept++;
          bytes += size;
          continue;
        }
      }
      await rm(path.join(this.dir, entry.file), { force: true });
    }
  }

  /** Earlier versions, newest first, from their headers (legacy files are read in full). */
  async list(current: Buffer | null): Promise<ObjectVersion[]> {
    const { entries, latest } = await this.entries();
    const versions: ObjectVersion[] = [];
    for (const entry of entries) {
      const file = path.join(this.dir, entry.file);
      if (entry.legacy) {
        const body = await readFile(file).catch(() => null);
        if (!body) continue;
        const info = { etag: etagOf(body), size: body.length };
        versions.push({ versionId: entry.versionId, ...info, lastModified: await mtime(file) });
      } else {
        const header = await readHeader(file);
        if (!header) continue;
        const { etag, size, savedAt } = header.header;
        versions.push({ versionId: entry.versionId, etag, size, lastModified: new Date(savedAt) });
      }
    }
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

  /**
   * One version's bytes, rebuilt from the nearest whole copy above it; null if unknown or if
   * the rebuilt bytes do not match the ETag recorded when it was kept.
   */
  async read(versionId: string, current: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const { entries, latest } = await this.entries();
    if (versionId === latest) return readFile(path.join(this.dir, latest)).catch(() => null);
    const index = entries.findIndex((e) => e.versionId === versionId);
    if (index < 0) return null;
    // The chain: this version, then newer ones up to the first whole copy (or the top).
    let top = index;
    const decoded: Array<{ header: Header; payload: Buffer } | Buffer> = [];
    for (; top < entries.length; top++) {
      const entry = entries[top]!;
      const file = path.join(this.dir, entry.file);
      const item = entry.legacy ? await readFile(file).catch(() => null) : await readVersion(file);
      if (!item) return null;
      decoded.push(item);
      if (Buffer.isBuffer(item) || item.header.kind === 'gzip') break;
    }
    let content: Buffer | null = null;
    if (top === entries.length) {
      content = latest
        ? await readFile(path.join(this.dir, latest)).catch(() => null)
        : await current();
    }
    let wanted: string | null = null;
    for (const item of decoded.reverse()) {
      if (Buffer.isBuffer(item)) {
        content = item;
        wanted = null;
      } else if (item.header.kind === 'gzip') {
        content = await gunzip(item.payload);
        wanted = item.header.etag;
      } else {
        if (!content || etagOf(content) !== item.header.base) return null;
        const { prefix = 0, suffix = 0 } = item.header;
        content = Buffer.concat([
          content.subarray(0, prefix),
          item.payload,
          content.subarray(content.length - suffix),
        ]);
        wanted = item.header.etag;
      }
    }
    if (!content || (wanted !== null && etagOf(content) !== wanted)) return null;
    return content;
  }

  private async write(versionId: string, { header, payload }: Encoded): Promise<void> {
    const bytes = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]);
    // Not flushed on its own: the durable write of the object that follows commits the
    // journal (ext4 data=ordered writes this file's data first). Every read checks its ETag.
    await writeAtomically(path.join(this.dir, `${versionId}.v`), bytes, { durable: false });
  }
}

interface Encoded {
  header: Header;
  payload: Buffer;
}

async function full(body: Buffer, savedAt: Date): Promise<Encoded> {
  return {
    header: { etag: etagOf(body), size: body.length, savedAt: savedAt.toISOString(), kind: 'gzip' },
    payload: await gzip(body),
  };
}

/** `current` as the bytes that differ from `next` between their common prefix and suffix. */
function delta(current: { body: Buffer; etag: string; savedAt: Date }, next: Buffer): Encoded {
  const a = current.body;
  const prefix = commonPrefix(a, next);
  const suffix = commonSuffix(a, next, Math.min(a.length, next.length) - prefix);
  return {
    header: {
      etag: current.etag,
      size: a.length,
      savedAt: current.savedAt.toISOString(),
      kind: 'delta',
      prefix,
      suffix,
      base: etagOf(next),
    },
    payload: a.subarray(prefix, a.length - suffix),
  };
}

const CHUNK = 64 * 1024;

/** Compares whole chunks with memcmp first: a byte loop over 11 MB costs ~10 ms in JS. */
function commonPrefix(a: Buffer, b: Buffer): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= max && a.subarray(i, i + CHUNK).equals(b.subarray(i, i + CHUNK))) i += CHUNK;
  while (i < max && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: Buffer, b: Buffer, max: number): number {
  let n = 0;
  while (
    n + CHUNK <= max &&
    a
      .subarray(a.length - n - CHUNK, a.length - n)
      .equals(b.subarray(b.length - n - CHUNK, b.length - n))
  ) {
    n += CHUNK;
  }
  while (n < max && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

async function readVersion(file: string): Promise<{ header: Header; payload: Buffer } | null> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return null;
  const end = bytes.indexOf(0x0a);
  const header = parseHeader(bytes.subarray(0, end < 0 ? 0 : end).toString('utf8'));
  return header ? { header, payload: bytes.subarray(end + 1) } : null;
}

async function readHeader(file: string): Promise<{ header: Header } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const header = end < 0 ? null : parseHeader(buffer.subarray(0, end).toString('utf8'));
    return header ? { header } : null;
  } finally {
    await handle.close();
  }
}

function parseHeader(text: string): Header | null {
  try {
    const header = JSON.parse(text) as Header;
    return typeof header.etag === 'string' && typeof header.size === 'number' ? header : null;
  } catch {
    return null;
  }
}

async function fileSize(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

async function mtime(file: string): Promise<Date> {
  return (await stat(file)).mtime;
}
