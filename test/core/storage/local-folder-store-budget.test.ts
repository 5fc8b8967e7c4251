import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-budget-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under the folder, bookkeeping included, with its size. */
async function files(root: string): Promise<Array<{ file: string; size: number }>> {
  const out: Array<{ file: string; size: number }> = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file: path.relative(root, file), size: (await readFile(file)).length });
  }
  return out;
}

/** A jobs.json-like document of `n` lines, so each write changes a little of a lot. */
const doc = (n: number, tag: string) =>
  Array.from(
    { length: n },
    (_, i) => `{"job":${i},"note":"${i === n - 1 ? tag : 'x'.repeat(80)}"}`,
  ).join('\n');

describe('LocalFolderStore storage budget', () => {
  it('keeps 40 writes of a 1 MB file within 3× its size on disk, every kept version readable', async () => {
    const store = new LocalFolderStore(dir);
    for (let i = 0; i < 40; i++) await store.put('jobs.json', doc(12_000, `write ${i}`));
    const current = (await store.get('jobs.json'))!;
    const total = (await files(dir)).reduce((sum, f) => sum + f.size, 0);
    expect(total).toBeLessThanOrEqual(3 * current.size);
    const versions = await store.listVersions('jobs.json');
    // All 39 were replaced today: none may be dropped (issue 15), and deltas keep them small.
    expect(versions).toHaveLength(39);
    for (const [i, v] of versions.entries()) {
      const body = (await store.getVersion('jobs.json', v.versionId))!.body.toString();
      expect(body).toBe(doc(12_000, `write ${38 - i}`));
    }
  });

  it('keeps no versions with a budget of 0, and refuses a budget that is not a number', async () => {
    const store = new LocalFolderStore(dir, { budget: { count: 0, sizeFactor: 2 } });
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two');
    expect(await store.listVersions('jobs.json')).toEqual([]);
    expect((await store.get('jobs.json'))!.body.toString()).toBe('two');
    expect(() => new LocalFolderStore(dir, { budget: { count: -1, sizeFactor: 2 } })).toThrow(
      /versions budget/,
    );
    expect(
      () => new LocalFolderStore(dir, { budget: { count: Number.NaN, sizeFactor: 2 } }),
    ).toThrow(/versions budget/);
  });

  it('keeps no version of an unversioned key and writes no file per object besides it', async () => {
    const store = new LocalFolderStore(dir, {
      versioned: (key) => !key.startsWith('api/track/'),
    });
    for (let i = 0; i < 50; i++) {
      await store.put(`api/track/token${i}.json`, `{"n":${i}}`, {
        contentType: 'application/json',
        cacheControl: 'public, max-age=5, s-maxage=5',
      });
      await store.put(`api/track/token${i}.json`, `{"n":${i + 1}}`, {
        contentType: 'application/json',
        cacheControl: 'public, max-age=5, s-maxage=5',
      });
    }
    expect(await store.listVersions('api/track/token1.json')).toEqual([]);
    const objectFiles = (await files(dir)).filter((f) => !f.file.startsWith('.qdn/locks'));
    // 50 documents, plus one headers.json for the Cache-Control they were given.
    expect(objectFiles.map((f) => f.file).filter((f) => f.startsWith('.qdn'))).toEqual([
      '.qdn/headers.json',
    ]);
    expect(objectFiles).toHaveLength(51);
    expect((await store.head('api/track/token7.json'))!.cacheControl).toBe(
      'public, max-age=5, s-maxage=5',
    );
  });

  it('derives headers from its rules and records only what differs', async () => {
    const store = new LocalFolderStore(dir, {
      headers: (key) => ({ contentType: 'application/json', cacheControl: `rule for ${key}` }),
    });
    await store.put('a.json', '{}', {
      contentType: 'application/json',
      cacheControl: 'rule for a.json',
    });
    await expect(readFile(path.join(dir, '.qdn', 'headers.json'), 'utf8')).rejects.toThrow();
    expect(await store.head('a.json')).toMatchObject({ cacheControl: 'rule for a.json' });
    await store.put('b.json', '{}', { cacheControl: 'no-store' });
    expect(JSON.parse(await readFile(path.join(dir, '.qdn', 'headers.json'), 'utf8'))).toEqual({
      'b.json': { cacheControl: 'no-store' },
    });
    await store.put('c.json', '{}');
    expect((await store.head('c.json'))!.cacheControl).toBeUndefined();
  });

  it('refuses a version whose stored bytes were damaged instead of returning wrong content', async () => {
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', doc(100, 'one'));
    await store.put('jobs.json', doc(100, 'two'));
    const versionsDir = path.join(dir, '.qdn', 'versions', 'jobs.json');
    const [version] = (await readdir(versionsDir)).filter((n) => n.endsWith('.v'));
    const file = path.join(versionsDir, version!);
    const bytes = await readFile(file);
    bytes[bytes.length - 2] = 0x21;
    await writeFile(file, bytes);
    const [listed] = await store.listVersions('jobs.json');
    // Refused by name: "damaged", not null (which would read as "no such version").
    await expect(store.getVersion('jobs.json', listed!.versionId)).rejects.toThrow(
      new RegExp(
        `Version ${listed!.versionId} in .*jobs\\.json is damaged: its bytes no longer match`,
      ),
    );
  });

  it('names the copy of the last write by its ETag and clears what a crashed write left', async () => {
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', doc(100, 'one'));
    const versionsDir = path.join(dir, '.qdn', 'versions', 'jobs.json');
    // A write cut short by a crash leaves a temporary copy behind (maybe megabytes).
    const leftover = path.join(versionsDir, 'latest-staged-999-deadbeef.tmp');
    await writeFile(leftover, doc(100, 'crashed'));
    const { etag } = await store.put('jobs.json', doc(100, 'two'));
    const names = await readdir(versionsDir);
    expect(names.filter((n) => n.startsWith('latest-'))).toEqual([`latest-${etag.slice(1, -1)}`]);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const copy = await readFile(path.join(versionsDir, `latest-${etag.slice(1, -1)}`), 'utf8');
    expect(copy).toBe(doc(100, 'two'));
    const [older] = await store.listVersions('jobs.json');
    expect((await store.getVersion('jobs.json', older!.versionId))!.body.toString()).toBe(
      doc(100, 'one'),
    );
  });

  it('refuses a kept change whose newer content is gone and was replaced by other bytes', async () => {
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', doc(100, 'one'));
    await store.put('jobs.json', doc(100, 'two'));
    const versionsDir = path.join(dir, '.qdn', 'versions', 'jobs.json');
    // The store's copy of its last write is gone and the object was edited by hand: the
    // change kept against the old bytes no longer applies, and reading says so.
    for (const n of await readdir(versionsDir)) {
      if (n.startsWith('latest-')) await rm(path.join(versionsDir, n));
    }
    await writeFile(path.join(dir, 'jobs.json'), doc(100, 'edited by hand, longer'));
    const [listed] = await store.listVersions('jobs.json');
    await expect(store.getVersion('jobs.json', listed!.versionId)).rejects.toThrow(
      /is damaged: a change it was kept as no longer applies/,
    );
  });

  it('remembers an ETag across processes only while the file is unchanged (a hand edit is seen)', async () => {
    await new LocalFolderStore(dir).put('jobs.json', 'one');
    const versionsDir = path.join(dir, '.qdn', 'versions', 'jobs.json');
    const [seen] = (await readdir(versionsDir)).filter((n) => n.startsWith('seen-'));
    // Prove the record is what a fresh instance uses: make it say something else.
    const fake = 'f'.repeat(32);
    await rm(path.join(versionsDir, seen!));
    await writeFile(path.join(versionsDir, seen!.replace(/-[0-9a-f]{32}$/, `-${fake}`)), '');
    expect((await new LocalFolderStore(dir).head('jobs.json'))!.etag).toBe(`"${fake}"`);
    await writeFile(path.join(dir, 'jobs.json'), 'one'); // same bytes, same size: a new ctime
    const { etagOf } = await import('../../../src/core/storage/etag');
    expect((await new LocalFolderStore(dir).head('jobs.json'))!.etag).toBe(etagOf('one'));
  });
});
