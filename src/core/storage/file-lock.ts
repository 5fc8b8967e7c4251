import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `work` holding proper-lockfile's cross-process lock on `file` (a folder, `<file>.lock`
 * unless `lockfilePath` names another, kept fresh while held and taken over when stale after
 * 10 s). The library is loaded on the first lock: with graceful-fs it is ~5 ms of every `qdn`
 * start-up, and a read-only command takes no lock.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  { lockfilePath, retries = 50 }: { lockfilePath?: string; retries?: number } = {},
): Promise<T> {
  const { default: lockfile } = await import('proper-lockfile');
  await mkdir(path.dirname(lockfilePath ?? `${file}.lock`), { recursive: true });
  const release = await lockfile.lock(file, {
    ...(lockfilePath ? { lockfilePath } : {}),
    realpath: false,
    stale: 10_000,
    retries: { retries, minTimeout: 5, maxTimeout: 100 },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
