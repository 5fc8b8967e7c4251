import { open, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { constants, gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { QdnError } from '../../shared/errors';
import { isMissing, storageFailure, unlessMissing } from './durable-file';
import { etagOf } from './etag';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/**
 * A stored version is a header line (JSON) and a payload: the whole content gzipped, or a
 * reverse delta — what differs from the next newer version (or from `latest`), as the common
 * prefix and suffix lengths and the bytes between. A create or a status change touches one job,
 * so a jobs.json version costs a few hundred bytes instead of the whole file.
 */
export interface Header {
  etag: string;
  size: number;
  savedAt: string;
  kind: 'gzip' | 'delta';
  /** Delta only: bytes shared with the newer content at its start and end. */
  prefix?: number;
  suffix?: number;
  /**
   * Delta only, what it was made against: the newer content's ETag (versions kept before the
   * store hashed each write once), or its size. Either way the rebuilt bytes are checked
   * against `etag`; this only says early, and clearly, that the base is not the one expected.
   */
  base?: string;
  baseSize?: number;
  /**
   * Delta only: 'gzip' when its bytes are stored gzipped. Deltas kept before versions were
   * compressed have none, and read as they are.
   */
  encoding?: 'gzip';
}

export interface Encoded {
  header: Header;
  payload: Buffer;
}

export async function full(body: Buffer, savedAt: Date): Promise<Encoded> {
  return {
    header: { etag: etagOf(body), size: body.length, savedAt: savedAt.toISOString(), kind: 'gzip' },
    payload: await compress(body),
  };
}

/** Below this a delta is a few lines of one job: gzip's own 20 bytes would outweigh the gain. */
const COMPRESS_FROM = 256;

/**
 * gzip on libuv's pool. Past 1 MB (a hand edit, a restore of a much smaller file) the fastest
 * level: ~75 ms for 50 MB of jobs here against ~170 ms at the default, for 7% more bytes.
 */
function compress(bytes: Buffer): Promise<Buffer> {
  const level =
    bytes.length > 1024 * 1024 ? constants.Z_BEST_SPEED : constants.Z_DEFAULT_COMPRESSION;
  return gzip(bytes, { level });
}

/**
 * `current` as the bytes that differ from `next` between their common prefix and suffix. It
 * does not hash `next` (55 MB at 50,000 jobs): the store hashes each write once, while the
 * write is being flushed.
 */
export async function delta(
  current: { body: Buffer; etag: string; savedAt: Date },
  next: Buffer,
): Promise<Encoded> {
  const a = current.body;
  const prefix = commonPrefix(a, next);
  const suffix = commonSuffix(a, next, Math.min(a.length, next.length) - prefix);
  const header: Header = {
    etag: current.etag,
    size: a.length,
    savedAt: current.savedAt.toISOString(),
    kind: 'delta',
    prefix,
    suffix,
    baseSize: next.length,
  };
  const raw = a.subarray(prefix, a.length - suffix);
  // What differs may be the whole file (a hand edit re-serialised, a restore of a far smaller
  // version): stored gzipped, where that is smaller.
  if (raw.length >= COMPRESS_FROM) {
    const packed = await compress(raw);
    if (packed.length < raw.length)
      return { header: { ...header, encoding: 'gzip' }, payload: packed };
  }
  return { header, payload: raw };
}

/** A delta's bytes as they were before they were stored (gunzipped where they were gzipped). */
export async function deltaBytes(header: Header, payload: Buffer): Promise<Buffer> {
  return header.encoding === 'gzip' ? gunzip(payload) : payload;
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

/** A version file's header and payload; 'damaged' when its header does not parse. */
export async function readVersion(
  file: string,
): Promise<{ header: Header; payload: Buffer } | 'damaged' | null> {
  const bytes = await unlessMissing('read', file, readFile(file), null);
  if (!bytes) return null;
  const end = bytes.indexOf(0x0a);
  const header = parseHeader(bytes.subarray(0, end < 0 ? 0 : end).toString('utf8'));
  return header ? { header, payload: bytes.subarray(end + 1) } : 'damaged';
}

/** Only the header line of a version file (it may be megabytes long). */
export async function readHeader(file: string): Promise<Header | 'missing' | 'damaged'> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (isMissing(err)) return 'missing';
    throw storageFailure('read', file, err);
  }
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    return (end < 0 ? null : parseHeader(buffer.subarray(0, end).toString('utf8'))) ?? 'damaged';
  } catch (err) {
    throw storageFailure('read', file, err);
  } finally {
    await handle.close();
  }
}

export function damaged(versionId: string, where: string, why: string): QdnError {
  return new QdnError(
    'storage_unavailable',
    `Version ${versionId} in ${where} is damaged: ${why}.`,
  );
}

function parseHeader(text: string): Header | null {
  try {
    const header = JSON.parse(text) as Header;
    return typeof header.etag === 'string' && typeof header.size === 'number' ? header : null;
  } catch {
    return null;
  }
}
