import { describe, expect, it } from 'vitest';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { quotedMd5 } from './object-store-fixtures';

/**
 * Conditional writes and versions, for a store whose server honours them: the optimistic
 * concurrency jobs.json relies on (save only over what was read), and restoring an earlier
 * version only over the content the dispatcher saw.
 */
export function describeConditionalContract(stores: () => { store: ObjectStore }): void {
  describe('conditional writes', () => {
    it('ifNoneMatch "*" creates a new key and refuses an existing one, leaving it unchanged', async () => {
      const { store } = stores();
      const created = await store.put('jobs.json', 'first', { ifNoneMatch: '*' });
      expect(created.etag).toBe(quotedMd5('first'));
      await expect(store.put('jobs.json', 'second', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect((await store.get('jobs.json'))!.body.toString()).toBe('first');
    });

    it('ifMatch with the current ETag writes; with a stale one it is refused and nothing changes', async () => {
      const { store } = stores();
      const v1 = await store.put('jobs.json', 'v1');
      const v2 = await store.put('jobs.json', 'v2', { ifMatch: v1.etag });
      expect(v2.etag).toBe(quotedMd5('v2'));
      const stale = store.put('jobs.json', 'lost update', { ifMatch: v1.etag });
      await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
      await expect(stale).rejects.toThrow(/"jobs\.json" changed since it was read/);
      expect((await store.get('jobs.json'))!.body.toString()).toBe('v2');
    });

    it('ifMatch on a key that does not exist is refused as a lost race and writes nothing', async () => {
      const { store } = stores();
      // S3 answers 404 NoSuchKey here, not 412: callers still see the one conditional error.
      await expect(store.put('gone.json', 'x', { ifMatch: quotedMd5('x') })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await store.get('gone.json')).toBeNull();
      // Deleted since it was read: the same.
      const read = await store.put('was-here.json', 'x');
      await store.delete('was-here.json');
      await expect(store.put('was-here.json', 'y', { ifMatch: read.etag })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await store.get('was-here.json')).toBeNull();
    });

    it('a copy refuses a source that changed since it was read (ifSourceMatch)', async () => {
      const { store } = stores();
      const read = await store.put('staging/a.json', 'read');
      await store.put('staging/a.json', 'changed');
      await expect(
        store.copyFrom(store, 'staging/a.json', 'prod/a.json', { ifSourceMatch: read.etag }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(await store.get('prod/a.json')).toBeNull();
    });
  });

  describe('versions', () => {
    it('lists earlier versions of exactly that key, newest first, each readable', async () => {
      const { store } = stores();
      await store.put('jobs.json', 'one', { contentType: 'application/json' });
      await store.put('jobs.json', 'two', { contentType: 'application/json' });
      await store.put('jobs.json', 'three', { contentType: 'application/json' });
      await store.put('jobs.json.bak', 'neighbour');
      const listed = await store.listVersions('jobs.json');
      expect(listed.map((v) => v.etag)).toEqual([quotedMd5('two'), quotedMd5('one')]);
      expect(listed.map((v) => v.size)).toEqual([3, 3]);
      const older = await store.getVersion('jobs.json', listed[1]!.versionId);
      expect(older).toMatchObject({ key: 'jobs.json', etag: quotedMd5('one') });
      expect(older!.body.toString()).toBe('one');
      expect(older!.contentType).toBe('application/json');
    });

    it('keeps deleted content as a version', async () => {
      const { store } = stores();
      await store.put('inbox/sub.json', 'kept');
      await store.delete('inbox/sub.json');
      expect(await store.get('inbox/sub.json')).toBeNull();
      const [deleted] = await store.listVersions('inbox/sub.json');
      expect(deleted?.etag).toBe(quotedMd5('kept'));
      expect((await store.getVersion('inbox/sub.json', deleted!.versionId))!.body.toString()).toBe(
        'kept',
      );
    });

    it('getVersion of an unknown version id is null; a key never overwritten has no versions', async () => {
      const { store } = stores();
      await store.put('once.json', 'only');
      expect(await store.listVersions('once.json')).toEqual([]);
      expect(await store.getVersion('once.json', 'no-such-version-1')).toBeNull();
    });

    it('restores an earlier version by copy, only over the content it was asked over', async () => {
      const { store } = stores();
      await store.put('jobs.json', 'good');
      const bad = await store.put('jobs.json', 'bad');
      const [good] = await store.listVersions('jobs.json');
      const restored = await store.copyFrom(store, 'jobs.json', 'jobs.json', {
        sourceVersionId: good!.versionId,
      });
      expect(restored!.etag).toBe(quotedMd5('good'));
      expect((await store.get('jobs.json'))!.body.toString()).toBe('good');
      // The restore made a new version; the bad content is kept as an earlier one.
      expect((await store.listVersions('jobs.json')).map((v) => v.etag)).toContain(bad.etag);
      expect(
        await store.copyFrom(store, 'jobs.json', 'x.json', { sourceVersionId: 'nope-1' }),
      ).toBeNull();
    });
  });
}
