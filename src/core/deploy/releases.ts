import { z } from 'zod';
import type { ReleaseSummary } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import { PreconditionFailedError } from '../storage/object-store';
import { describeRecordError } from '../../shared/validation-message';
import type { ObjectStore } from '../storage/object-store';

const PREFIX = 'releases/';
/**
 * Content-addressed copies of released files, so any release can come back. Beside
 * `releases/`, not under it: listing the manifests must not list every kept file too.
 */
export const KEPT_COPIES_PREFIX = 'release-objects/';

const releaseFileSchema = z.object({
  etag: z.string(),
  size: z.number().int().nonnegative(),
  /** The prod object's version (S3 with versioning on); null elsewhere. */
  version_id: z.string().nullable(),
});
export const releaseSchema = z.object({
  schema: z.literal(1),
  id: z.string(),
  build_id: z.string().nullable(),
  created_at: z.string(),
  by: z.string(),
  rolled_back_to: z.string().nullable(),
  files: z.record(z.string(), releaseFileSchema),
});
export type Release = z.infer<typeof releaseSchema>;
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

/** Where the pipeline keeps a copy of a released file with this ETag. */
export function keptCopyKey(etag: string): string {
  return `${KEPT_COPIES_PREFIX}${etag.replace(/"/g, '')}`;
}

/** Release manifests, `releases/<id>.json` in the data bucket: key → ETag/version, build id. */
export class Releases {
  constructor(private readonly data: ObjectStore) {}

  /** Writes a new manifest; ids never repeat, so a manifest is never overwritten. */
  async write(release: Release): Promise<void> {
    await this.data.put(`${PREFIX}${release.id}.json`, `${JSON.stringify(release, null, 2)}\n`, {
      contentType: 'application/json',
      ifNoneMatch: '*',
    });
  }

  /**
   * Writes `release` unless its manifest exists (one HEAD when it does). A promote writes its
   * manifest beside the journal's closing write (prod-change.ts), so a kill between the two can
   * leave the journal naming a release whose manifest never landed: whatever replaces that
   * release in the journal writes it from the journal's copy first.
   */
  async ensureRecorded(release: Release): Promise<void> {
    if (await this.data.head(`${PREFIX}${release.id}.json`)) return;
    await this.write(release).catch((err: unknown) => {
      // Written by another process in between: the same manifest.
      if (!(err instanceof PreconditionFailedError)) throw err;
    });
  }

  /** Manifest ids, newest first. */
  async ids(): Promise<string[]> {
    return (await this.data.list(PREFIX))
      .map((m) => m.key)
      .filter((k) => k.endsWith('.json'))
      .map((k) => k.slice(PREFIX.length, -'.json'.length))
      .sort()
      .reverse();
  }

  async get(id: string): Promise<Release> {
    const object = await this.data.get(`${PREFIX}${id}.json`);
    if (!object) {
      throw new QdnError('not_found', `There is no release "${id}" (see qdn deploy releases).`);
    }
    try {
      return releaseSchema.parse(JSON.parse(object.body.toString('utf8')));
    } catch (err) {
      throw new QdnError(
        'bad_request',
        `Release ${id} (${this.data.location} ${PREFIX}${id}.json) is unreadable: ${describeRecordError(err)}.`,
      );
    }
  }

  /**
   * Every manifest, newest first, read in parallel. One that cannot be read is named in
   * `unreadable` and left out: it never hides the others or blocks a rollback to them.
   */
  async readAll(): Promise<{ releases: Release[]; unreadable: string[] }> {
    const ids = await this.ids();
    const read = await Promise.all(
      ids.map((id) =>
        this.get(id).then(
          (release): Release | string => release,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        ),
      ),
    );
    return {
      releases: read.filter((r): r is Release => typeof r !== 'string'),
      unreadable: read.filter((r): r is string => typeof r === 'string'),
    };
  }

  /**
   * Summaries of the readable manifests; `current` is the release prod holds (the journal's),
   * listed even while its manifest is not written yet (see ensureRecorded).
   */
  async summaries(
    current: Release | null,
  ): Promise<{ summaries: ReleaseSummary[]; unreadable: string[] }> {
    const read = await this.readAll();
    const { unreadable } = read;
    const releases =
      current && !read.releases.some((r) => r.id === current.id)
        ? [...read.releases, current].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        : read.releases;
    const currentId = current?.id ?? null;
    return {
      summaries: releases.map((release) => ({
        id: release.id,
        buildId: release.build_id,
        createdAt: release.created_at,
        by: release.by,
        files: Object.keys(release.files).length,
        rolledBackTo: release.rolled_back_to,
        current: release.id === currentId,
      })),
      unreadable,
    };
  }
}
