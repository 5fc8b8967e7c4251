import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMissing, PRIVATE_FOLDER_MODE, storageFailure } from './durable-file';
import type { FolderHeaders, ObjectHeaders } from './folder-meta';
import type { MoveOptions, ObjectStore } from './object-store';

/** What a move needs of the folder store it works in (LocalFolderStore hands these over). */
export interface FolderMoveContext {
  /** The object's file; throws for a key that is invalid or reserved. */
  objectPath(key: string): string;
  /** Whether a write of this key keeps the replaced content as a version. */
  keepsVersions(key: string): boolean;
  headers: FolderHeaders;
  /** The per-object header file of a folder from before headers.json, if it has one. */
  legacyHeadersOf(key: string): Promise<ObjectHeaders | null>;
  /** Drops what the store remembers of a key's file (its ETag by fingerprint). */
  forget(key: string): void;
}

/**
 * A move within one folder. Where neither key keeps versions (the inbox) it is one rename and
 * takes no lock: the rename is atomic, so two passes filing the same document cannot both win
 * (the second finds it gone and answers false), and a reader finds the object under one key or
 * the other, never neither. The key locks would only order a conditional write of the same key
 * against the move; nothing writes unversioned keys conditionally (jobs.json, the archive and
 * release manifests keep versions), and S3's own move (a copy, then a delete) does not order
 * that either. The two cross-process locks were ~90% of filing 1,000 inbox documents
 * (bench/inbox.ts: 3.6–6× list + read with them, 1.4–1.7× without). Where either key keeps
 * versions the history must record the move, so it is a put, then a delete, each under its
 * key's lock.
 */
export async function moveInFolder(
  store: ObjectStore,
  folder: FolderMoveContext,
  fromKey: string,
  toKey: string,
  options: MoveOptions,
): Promise<boolean> {
  const from = folder.objectPath(fromKey);
  const to = folder.objectPath(toKey);
  if (folder.keepsVersions(fromKey) || folder.keepsVersions(toKey)) {
    return copyThenDelete(store, fromKey, toKey, options);
  }
  // Only a file is an object: a folder under the key (`inbox` of `inbox/a.json`) is not one.
  const source = await stat(from).catch((err: unknown) => {
    if (isMissing(err)) return null;
    throw storageFailure('read', from, err);
  });
  if (!source?.isFile()) return false;
  const legacy = await folder.legacyHeadersOf(fromKey);
  if (!(await renameCreatingFolder(from, to))) return false;
  folder.forget(fromKey);
  folder.forget(toKey);
  if (!legacy) {
    await folder.headers.move(fromKey, toKey, options);
  } else {
    // An older folder's header file says the old key's headers: the new key's go in headers.json.
    await folder.headers.set(toKey, {
      contentType: options.contentType ?? legacy.contentType,
      cacheControl: options.cacheControl ?? legacy.cacheControl ?? '',
    });
  }
  return true;
}

/** False when the source went meanwhile (another pass filed it). */
async function renameCreatingFolder(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (err) {
    if (!isMissing(err)) throw storageFailure('move', from, err);
  }
  // Missing: the target's folder, or the source, which another mover took after our look.
  try {
    await mkdir(path.dirname(to), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    await rename(from, to);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw storageFailure('move', from, err);
  }
}

/** A move that history must record: each write through the store, the delete only once copied. */
async function copyThenDelete(
  store: ObjectStore,
  fromKey: string,
  toKey: string,
  options: MoveOptions,
): Promise<boolean> {
  const object = await store.get(fromKey);
  if (!object) return false;
  await store.put(toKey, object.body, {
    contentType: options.contentType ?? object.contentType,
    cacheControl: options.cacheControl ?? object.cacheControl,
  });
  if (fromKey !== toKey) await store.delete(fromKey);
  return true;
}
