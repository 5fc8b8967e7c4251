import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { describeMoveContract } from './object-store-move-contract';

// No mocks: real folders in the OS temp dir.
const dirs: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-folder-move-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The sandbox's data folder: inbox/ keeps no versions, so a move there is a rename. */
const sandboxData = (dir: string) =>
  new LocalFolderStore(dir, { versioned: (key) => !key.startsWith('inbox/') });

describe('LocalFolderStore.move where no key keeps versions (a rename)', () => {
  describeMoveContract(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qdn-folder-move-'));
    dirs.push(dir);
    return new LocalFolderStore(dir, { versioned: () => false });
  });
});

describe('LocalFolderStore.move (folder specifics)', () => {
  it('renames the file itself: same inode, no copy left, no header recorded for a .json', async () => {
    const dir = await folder();
    const store = sandboxData(dir);
    await store.put('inbox/new/a.json', '{"a":1}', { contentType: 'application/json' });
    const before = await stat(path.join(dir, 'inbox/new/a.json'));
    expect(await store.move('inbox/new/a.json', 'inbox/processed/a.json')).toBe(true);
    const after = await stat(path.join(dir, 'inbox/processed/a.json'));
    expect(after.ino).toBe(before.ino);
    expect(await readdir(path.join(dir, 'inbox/new'))).toEqual([]);
    const headers = await readFile(path.join(dir, '.qdn/headers.json'), 'utf8').catch(() => '{}');
    expect(JSON.parse(headers)).toEqual({});
  });

  it('moves an override along: the old key keeps none, the new key has it', async () => {
    const dir = await folder();
    const store = sandboxData(dir);
    await store.put('inbox/new/c.json', 'x', {
      contentType: 'text/plain',
      cacheControl: 'no-store',
    });
    await store.move('inbox/new/c.json', 'inbox/rejected/c.json');
    const headers = JSON.parse(
      await readFile(path.join(dir, '.qdn/headers.json'), 'utf8'),
    ) as object;
    expect(headers).toEqual({
      'inbox/rejected/c.json': { contentType: 'text/plain', cacheControl: 'no-store' },
    });
    // Another process opening the folder sees the same.
    expect(await sandboxData(dir).head('inbox/rejected/c.json')).toMatchObject({
      contentType: 'text/plain',
      cacheControl: 'no-store',
    });
  });

  it('a folder from before headers.json: the old header file’s type follows the object', async () => {
    const dir = await folder();
    await mkdir(path.join(dir, '.qdn/meta/inbox/new'), { recursive: true });
    await writeFile(
      path.join(dir, '.qdn/meta/inbox/new/c.json.json'),
      JSON.stringify({ contentType: 'text/csv', cacheControl: 'no-store' }),
    );
    await mkdir(path.join(dir, 'inbox/new'), { recursive: true });
    await writeFile(path.join(dir, 'inbox/new/c.json'), 'a,b');
    const store = sandboxData(dir);
    expect(await store.move('inbox/new/c.json', 'inbox/processed/c.json')).toBe(true);
    expect(await sandboxData(dir).head('inbox/processed/c.json')).toMatchObject({
      contentType: 'text/csv',
      cacheControl: 'no-store',
    });
  });

  it('a folder under the key is not an object: nothing moves', async () => {
    const dir = await folder();
    const store = sandboxData(dir);
    await store.put('inbox/new/a.json', '{}');
    expect(await store.move('inbox/new', 'inbox/processed/new')).toBe(false);
    expect((await store.list('inbox/')).map((m) => m.key)).toEqual(['inbox/new/a.json']);
  });

  it('where history is kept, the moved-away content stays a version of the old key', async () => {
    const dir = await folder();
    const store = new LocalFolderStore(dir);
    await store.put('drafts/q.json', '{"v":1}', { contentType: 'application/json' });
    expect(await store.move('drafts/q.json', 'quotes/q.json')).toBe(true);
    expect((await store.get('quotes/q.json'))!.body.toString()).toBe('{"v":1}');
    expect(await store.get('drafts/q.json')).toBeNull();
    const [version] = await store.listVersions('drafts/q.json');
    expect(version).toBeDefined();
    expect((await store.getVersion('drafts/q.json', version!.versionId))!.body.toString()).toBe(
      '{"v":1}',
    );
  });

  it('two processes moving the same documents file each once, and lose none', async () => {
    const dir = await folder();
    const setup = sandboxData(dir);
    const names = Array.from({ length: 40 }, (_, i) => `d${i}.json`);
    await Promise.all(names.map((n) => setup.put(`inbox/new/${n}`, `{"n":"${n}"}`)));
    const [one, two] = [sandboxData(dir), sandboxData(dir)];
    const moved = await Promise.all(
      names.flatMap((n) => [
        one.move(`inbox/new/${n}`, `inbox/processed/${n}`),
        two.move(`inbox/new/${n}`, `inbox/processed/${n}`),
      ]),
    );
    expect(moved.filter(Boolean)).toHaveLength(names.length);
    const filed = await sandboxData(dir).list('inbox/');
    expect(filed.map((m) => m.key)).toEqual(names.map((n) => `inbox/processed/${n}`).sort());
  });
});
