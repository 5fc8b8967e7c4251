import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { errorMessage, QdnError } from '../../shared/errors';

/**
 * Files a store writes are its owner's alone (jobs.json holds customers' phones, emails and
 * notes; its versions and the inbox the same): 0600, in folders made 0700. The umask can only
 * take permissions away, so this holds whatever it is.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Readers see the old bytes or the new, never a part. With `durable`, once this resolves the new
 * bytes survive a power cut (file flushed before the rename, directory entry flushed after it);
 * bookkeeping that can be rebuilt or checked on read skips the two fsyncs.
 * `whileWriting` runs on this thread while the flush runs on libuv's pool.
 */
export async function writeAtomically<T = void>(
  file: string,
  bytes: Buffer,
  { durable = true, whileWriting }: { durable?: boolean; whileWriting?: () => T } = {},
): Promise<{ stats: Stats; result: T | undefined }> {
  const dir = path.dirname(file);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let stats: Stats;
  let result: T | undefined;
  try {
    const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE).catch(
      async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
        return open(tmp, 'wx', PRIVATE_FILE_MODE);
      },
    );
    try {
      await handle.writeFile(bytes);
      // The flush is one call on the pool: hashing meanwhile costs no wall time. (Hashing
      // during writeFile would not: it writes in chunks, each waiting for this thread.)
      const flushing = durable ? handle.sync() : Promise.resolve();
      try {
        result = whileWriting?.();
      } finally {
        await flushing;
      }
      stats = await handle.stat();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw storageFailure('write', file, err);
  }
  if (durable) await syncDirectory(dir);
  return { stats, result };
}

export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes and the stats of the same open file (so both describe one version). A folder
 * there reads as missing, unless `folderIsDamage`: then it is an error that says so.
 */
export async function readWithStats(
  file: string,
  { folderIsDamage = false }: { folderIsDamage?: boolean } = {},
): Promise<{ body: Buffer; stats: Stats } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    // Where a folder cannot be opened for reading (Windows), opening it fails so.
    if ((err as NodeJS.ErrnoException).code === 'EISDIR' && folderIsDamage) {
      throw folderWhereFileIs(file);
    }
    if (isMissing(err)) return null;
    throw storageFailure('read', file, err);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory() && folderIsDamage) throw folderWhereFileIs(file);
    if (!stats.isFile()) return null;
    return { body: await handle.readFile(), stats };
  } catch (err) {
    if (isMissing(err)) return null;
    throw storageFailure('read', file, err);
  } finally {
    await handle.close();
  }
}

function folderWhereFileIs(file: string): QdnError {
  return new QdnError(
    'storage_unavailable',
    `${file} is a folder, not a file: nothing can be read or saved there until that folder is moved away.`,
  );
}

/**
 * A file-system failure other than "not there" (EACCES, EPERM, EIO, ENOSPC…), rethrown as what
 * it is: the store could not do its work. The message names the file and the cause, so it
 * never reads as "not found" or "nothing there".
 */
export function storageFailure(action: string, file: string, err: unknown): QdnError {
  if (err instanceof QdnError) return err; // already says which file and why
  const failure = new QdnError(
    'storage_unavailable',
    `Could not ${action} ${file}: ${errorMessage(err)}`,
  );
  return Object.assign(failure, { cause: err });
}

/** Missing-or-nothing for a "not there" error; any other failure is rethrown with its file. */
export async function unlessMissing<T, F>(
  action: string,
  file: string,
  work: Promise<T>,
  fallback: F,
): Promise<T | F> {
  try {
    return await work;
  } catch (err) {
    if (isMissing(err)) return fallback;
    throw storageFailure(action, file, err);
  }
}

export function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
