import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { PreconditionFailedError } from '../../../src/core/storage/object-store';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { describeObjectStoreContract } from './object-store-contract';
import { describeConditionalContract } from './object-store-conditional-contract';

// No mocks here: a real folder in the OS temp dir, fresh for every test.
async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'qdn-local-store-'));
}

describeObjectStoreContract(
  'LocalFolderStore',
  async () => {
    const dir = await tempDir();
    const otherDir = await tempDir();
    return {
      store: new LocalFolderStore(dir),
      other: new LocalFolderStore(otherDir),
      cleanup: async () => {
        await rm(dir, { recursive: true, force: true });
        await rm(otherDir, { recursive: true, force: true });
      },
    };
  },
  { refusesStaleCopySource: true },
);

describe('LocalFolderStore: conditional writes and versions (the contract S3 is held to)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  describeConditionalContract(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qdn-local-cond-'));
    dirs.push(dir);
    return { store: new LocalFolderStore(dir) };
  });
});

describe('LocalFolderStore (local-only behaviour)', () => {
  let dir: string;
  let store: LocalFolderStore;

  beforeEach(async () => {
    dir = await tempDir();
    store = new LocalFolderStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores objects as plain files a dispatcher can open', async () => {
    await store.put('data/jobs.json', '{"schema":1}');
    expect(await readFile(path.join(dir, 'data', 'jobs.json'), 'utf8')).toBe('{"schema":1}');
    expect(store.location).toBe(path.resolve(dir));
  });

  describe('ifNoneMatch: "*"', () => {
    it('refuses to overwrite an existing key and leaves it unchanged', async () => {
      await store.put('jobs.json', 'original');
      await expect(store.put('jobs.json', 'clobber', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect((await store.get('jobs.json'))!.body.toString()).toBe('original');
    });

    it('creates a new key', async () => {
      const { etag } = await store.put('jobs.json', 'first', { ifNoneMatch: '*' });
      const got = await store.get('jobs.json');
      expect(got!.body.toString()).toBe('first');
      expect(got!.etag).toBe(etag);
    });
  });

  describe('ifMatch', () => {
    it('refuses a stale etag with PreconditionFailedError and leaves the content unchanged', async () => {
      const stale = await store.put('jobs.json', 'v1');
      const current = await store.put('jobs.json', 'v2');
      const err = await store
        .put('jobs.json', 'v3 from a stale read', { ifMatch: stale.etag })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PreconditionFailedError);
      expect((err as PreconditionFailedError).key).toBe('jobs.json');
      const got = await store.get('jobs.json');
      expect(got!.body.toString()).toBe('v2');
      expect(got!.etag).toBe(current.etag);
    });

    it('accepts the current etag', async () => {
      const current = await store.put('jobs.json', 'v1');
      const next = await store.put('jobs.json', 'v2', { ifMatch: current.etag });
      expect(next.etag).not.toBe(current.etag);
      expect((await store.get('jobs.json'))!.body.toString()).toBe('v2');
    });

    it('refuses any ifMatch when the key does not exist', async () => {
      await expect(store.put('missing.json', 'x', { ifMatch: '"abc"' })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await store.get('missing.json')).toBeNull();
    });

    it('notices a hand edit on disk: the etag changes and an ifMatch with the old one fails', async () => {
      const before = await store.put('jobs.json', '{"schema":1,"jobs":[]}');
      await writeFile(path.join(dir, 'jobs.json'), '{"schema":1,"jobs":[{"edited":true}]}');
      const head = await store.head('jobs.json');
      expect(head!.etag).not.toBe(before.etag);
      await expect(
        store.put('jobs.json', 'overwrite', { ifMatch: before.etag }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      // The hand edit survives.
      expect(await readFile(path.join(dir, 'jobs.json'), 'utf8')).toContain('"edited":true');
      // …and a write based on a fresh read goes through.
      await expect(
        store.put('jobs.json', 'after re-read', { ifMatch: head!.etag }),
      ).resolves.toBeDefined();
    });
  });

  describe('versions', () => {
    it('keeps overwritten content, newest first, readable through getVersion', async () => {
      await store.put('jobs.json', 'one');
      await store.put('jobs.json', 'two');
      await store.put('jobs.json', 'three');
      const versions = await store.listVersions('jobs.json');
      expect(versions).toHaveLength(2);
      const bodies = await Promise.all(
        versions.map(async (v) =>
          (await store.getVersion('jobs.json', v.versionId))!.body.toString(),
        ),
      );
      expect(bodies).toEqual(['two', 'one']);
      expect(versions[0]!.size).toBe(3);
      expect(versions[0]!.etag).toBe(
        (await store.getVersion('jobs.json', versions[0]!.versionId))!.etag,
      );
      // The current content is not among the versions.
      expect((await store.get('jobs.json'))!.body.toString()).toBe('three');
    });

    it('keeps the last good content when the file is then edited by hand, and the edit too', async () => {
      await store.put('jobs.json', 'one');
      await store.put('jobs.json', 'two');
      await writeFile(path.join(dir, 'jobs.json'), 'broken by hand');
      const bodiesOf = async () => {
        const bodies: string[] = [];
        for (const v of await store.listVersions('jobs.json'))
          bodies.push((await store.getVersion('jobs.json', v.versionId))!.body.toString());
        return bodies;
      };
      expect(await bodiesOf()).toEqual(['two', 'one']);
      await store.put('jobs.json', 'three');
      expect(await bodiesOf()).toEqual(['broken by hand', 'two', 'one']);
    });

    it('does not count a version whose write never finished (a .tmp left by a crash)', async () => {
      await store.put('jobs.json', 'one');
      await store.put('jobs.json', 'two');
      const versionsDir = path.join(dir, '.qdn', 'versions', 'jobs.json');
      await writeFile(path.join(versionsDir, '999999999999999-ffffffff.123.abc.tmp'), 'half');
      const bodies: string[] = [];
      for (const v of await store.listVersions('jobs.json'))
        bodies.push((await store.getVersion('jobs.json', v.versionId))!.body.toString());
      expect(bodies).toEqual(['one']);
    });

    it('keeps deleted content', async () => {
      await store.put('inbox/sub.json', '{"name":"Mark"}');
      await store.delete('inbox/sub.json');
      expect(await store.get('inbox/sub.json')).toBeNull();
      const [latest, ...rest] = await store.listVersions('inbox/sub.json');
      expect(rest).toEqual([]);
      expect((await store.getVersion('inbox/sub.json', latest!.versionId))!.body.toString()).toBe(
        '{"name":"Mark"}',
      );
      // Versions are not objects: list() does not show them.
      expect(await store.list('')).toEqual([]);
    });

    it('keeps every version of the last 30 days, more than 20 included, newest first', async () => {
      for (let i = 0; i < 26; i++) await store.put('jobs.json', `v${i}`);
      const versions = await store.listVersions('jobs.json');
      const bodies: string[] = [];
      for (const v of versions)
        bodies.push((await store.getVersion('jobs.json', v.versionId))!.body.toString());
      // v25 is current; v24…v0 were all replaced today (folder-version-retention.test.ts has
      // the rules past 30 days).
      expect(bodies).toEqual(Array.from({ length: 25 }, (_, i) => `v${24 - i}`));
    });

    it('has no versions for a key never overwritten, and getVersion of an unknown id is null', async () => {
      await store.put('a.json', 'a');
      expect(await store.listVersions('a.json')).toEqual([]);
      expect(await store.getVersion('a.json', '000000000000001-deadbeef')).toBeNull();
      expect(await store.getVersion('a.json', '../../a.json')).toBeNull();
    });
  });

  it('copyFrom with sourceVersionId copies that earlier version; an unknown one gives null', async () => {
    await store.put('releases/current.json', 'release one');
    await store.put('releases/current.json', 'release two');
    const [previous] = await store.listVersions('releases/current.json');
    const copied = await store.copyFrom(store, 'releases/current.json', 'rollback.json', {
      sourceVersionId: previous!.versionId,
    });
    expect(copied).toEqual({ etag: previous!.etag, versionId: null });
    expect((await store.get('rollback.json'))!.body.toString()).toBe('release one');
    expect(
      await store.copyFrom(store, 'releases/current.json', 'none.json', {
        sourceVersionId: '000000000000001-deadbeef',
      }),
    ).toBeNull();
    expect(await store.head('none.json')).toBeNull();
  });

  it('keeps keys under .qdn/ (its own bookkeeping) out of reach: no writes, reads find nothing', async () => {
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two'); // creates .qdn/versions and .qdn/meta
    await expect(store.put('.qdn/meta/jobs.json.json', '{}')).rejects.toThrow(/\.qdn/);
    await expect(store.put('.qdn', 'x')).rejects.toThrow(/\.qdn/);
    expect(await store.get('.qdn/meta/jobs.json.json')).toBeNull();
    expect(await store.head('.qdn/meta/jobs.json.json')).toBeNull();
    await expect(store.delete('.qdn/versions/jobs.json')).rejects.toThrow(/\.qdn/);
    expect(await store.listVersions('jobs.json')).toHaveLength(1);
    expect((await store.list('')).map((m) => m.key)).toEqual(['jobs.json']);
  });

  it('loses no update: 20 concurrent conditional increments from two instances end at 20', async () => {
    const other = new LocalFolderStore(dir);
    let conflicts = 0;
    const increment = async (s: ObjectStore): Promise<void> => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const current = await s.get('counter.json');
        const n = current ? (JSON.parse(current.body.toString()) as { n: number }).n : 0;
        try {
          await s.put(
            'counter.json',
            JSON.stringify({ n: n + 1 }),
            current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
          );
          return;
        } catch (err) {
          if (!(err instanceof PreconditionFailedError)) throw err;
          conflicts++;
        }
      }
      throw new Error('gave up after 200 attempts');
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 === 0 ? store : other)));
    const final = await store.get('counter.json');
    expect(JSON.parse(final!.body.toString())).toEqual({ n: 20 });
    // Racing readers must have collided at least once, or the test proved nothing.
    expect(conflicts).toBeGreaterThan(0);
  }, 60_000);
});
