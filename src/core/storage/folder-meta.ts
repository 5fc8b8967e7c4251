import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage, QdnError } from '../../shared/errors';
import { isMissing, storageFailure, unlessMissing, writeAtomically } from './durable-file';
import { withFileLock } from './file-lock';

/** The headers a folder object carries, as S3 keeps them beside an object. */
export interface ObjectHeaders {
  contentType: string;
  cacheControl?: string;
}

/** What an object's headers are when nobody said otherwise (e.g. from its extension). */
export type HeaderDefaults = (key: string) => ObjectHeaders;

type Overrides = Record<string, Partial<ObjectHeaders>>;

/**
 * Content-Type and Cache-Control without a sidecar file per object: they are derived from the
 * key (the site's own rules, in a workspace), and only a put that says something else is
 * recorded, in one small `.qdn/headers.json`. In a sandbox that is a handful of entries (e.g.
 * jobs.json's `no-store`), not one file per status document.
 */
export class FolderHeaders {
  private cache: { text: string; overrides: Overrides } | null = null;

  constructor(
    private readonly file: string,
    private readonly defaults: HeaderDefaults,
  ) {}

  async of(key: string): Promise<ObjectHeaders> {
    const base = this.defaults(key);
    const override = (await this.read())[key];
    if (!override) return base;
    const headers: ObjectHeaders = { ...base, ...override };
    if (headers.cacheControl === '') delete headers.cacheControl;
    return headers;
  }

  /**
   * Records the headers a put gave (null: the key is gone). The caller holds the key's lock,
   * so only the file itself needs one: writers of other keys share it.
   */
  async set(key: string, given: Partial<ObjectHeaders> | null): Promise<void> {
    const wanted = given ? this.overrideFor(key, given) : undefined;
    const current = (await this.read())[key];
    if (JSON.stringify(current) === JSON.stringify(wanted)) return;
    // Changes made while a write is under way go out together in the next one: a publish of
    // hundreds of documents then takes the file's lock a few times, not once per document.
    this.pending.set(key, wanted);
    this.flushing ??= this.flushSoon();
    await this.flushing;
  }

  /**
   * A moved object's headers, from one read of the file: the new key gets the old key's (each
   * replaced where `given` says), the old key none. Usually neither had an override: no write.
   */
  async move(fromKey: string, toKey: string, given: Partial<ObjectHeaders>): Promise<void> {
    const overrides = await this.read();
    const moved = { ...this.defaults(fromKey), ...overrides[fromKey] };
    const wanted = this.overrideFor(toKey, {
      contentType: given.contentType ?? moved.contentType,
      // '' stands for "none": the new key's default must not add one the object never had.
      cacheControl: given.cacheControl ?? moved.cacheControl ?? '',
    });
    if (!overrides[fromKey] && JSON.stringify(overrides[toKey]) === JSON.stringify(wanted)) return;
    this.pending.set(fromKey, undefined);
    this.pending.set(toKey, wanted);
    this.flushing ??= this.flushSoon();
    await this.flushing;
  }

  private pending = new Map<string, Partial<ObjectHeaders> | undefined>();
  private flushing: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();

  private async flushSoon(): Promise<void> {
    await this.writing.catch(() => undefined); // one write at a time; its failure was reported
    this.flushing = null;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = this.withLock(async () => {
      const overrides = { ...(await this.read(true)) };
      for (const [key, wanted] of batch) {
        if (wanted) overrides[key] = wanted;
        else delete overrides[key];
      }
      await writeAtomically(this.file, Buffer.from(JSON.stringify(overrides, null, 1)));
      this.cache = null;
    });
    await this.writing;
  }

  /** Only what differs from the defaults; an empty Cache-Control stands for "none given". */
  private overrideFor(
    key: string,
    given: Partial<ObjectHeaders>,
  ): Partial<ObjectHeaders> | undefined {
    const base = this.defaults(key);
    const override: Partial<ObjectHeaders> = {};
    const contentType = given.contentType ?? base.contentType;
    if (contentType !== base.contentType) override.contentType = contentType;
    const cacheControl = given.cacheControl ?? '';
    if (cacheControl !== (base.cacheControl ?? '')) override.cacheControl = cacheControl;
    return Object.keys(override).length > 0 ? override : undefined;
  }

  private async read(fresh = false): Promise<Overrides> {
    const text = await unlessMissing('read', this.file, readFile(this.file, 'utf8'), '{}');
    if (!fresh && this.cache?.text === text) return this.cache.overrides;
    // A damaged file is said to be damaged: defaulting would quietly change the Content-Type
    // and Cache-Control of every object it lists (jobs.json's no-store among them).
    const overrides = parseHeadersFile(text, this.file);
    this.cache = { text, overrides };
    return overrides;
  }

  private async withLock(work: () => Promise<void>): Promise<void> {
    await withFileLock(`${this.file}.lock`, work);
  }
}

function parseHeadersFile(text: string, file: string): Overrides {
  const damaged = (why: string) =>
    new QdnError(
      'storage_unavailable',
      `${file} is damaged (${why}). It records the headers of objects in this folder: repair it, or delete it to use the headers derived from each key.`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw damaged(`not valid JSON: ${errorMessage(err)}`);
  }
  if (!isRecord(parsed)) throw damaged('not a JSON object');
  for (const [key, value] of Object.entries(parsed)) {
    const ok =
      isRecord(value) &&
      Object.entries(value).every(
        ([name, v]) => (name === 'contentType' || name === 'cacheControl') && typeof v === 'string',
      );
    if (!ok) throw damaged(`the entry for ${JSON.stringify(key)} is not a set of headers`);
  }
  return parsed as Overrides;
}

/**
 * Folders written before headers.json kept a `.qdn/meta/<key>.json` per object: still read.
 * Null when the folder has none (or none for this key); a damaged one is an error.
 */
export async function readLegacyHeaders(
  metaDir: string,
  key: string,
  fallbackContentType: string,
): Promise<ObjectHeaders | null> {
  const file = path.join(metaDir, ...key.split('/')) + '.json';
  const text = await unlessMissing('read', file, readFile(file, 'utf8'), null);
  if (text === null) return null;
  let side: unknown;
  try {
    side = JSON.parse(text);
  } catch (err) {
    throw new QdnError(
      'storage_unavailable',
      `${file} is damaged (not valid JSON: ${errorMessage(err)}): repair or delete it.`,
    );
  }
  if (!isRecord(side)) {
    throw new QdnError('storage_unavailable', `${file} is damaged (not a JSON object).`);
  }
  const { contentType, cacheControl } = side;
  return {
    contentType: typeof contentType === 'string' ? contentType : fallbackContentType,
    ...(typeof cacheControl === 'string' && cacheControl ? { cacheControl } : {}),
  };
}

/** Whether a folder still has the per-object header files of older versions. */
export async function hasLegacyHeaders(metaDir: string): Promise<boolean> {
  try {
    await readdir(metaDir);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw storageFailure('list', metaDir, err);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
