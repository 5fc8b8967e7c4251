import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// Real folders in the OS temp dir, as a workspace's data folder is.
const dirs: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-folder-odd-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe('LocalFolderStore: a folder where a file should be', () => {
  it('a jobs.json that is a folder is an error naming it, not an empty board', async () => {
    const dir = await folder();
    await mkdir(path.join(dir, 'jobs.json'));
    await writeFile(path.join(dir, 'jobs.json', 'stray.txt'), 'x');
    const store = new LocalFolderStore(dir);
    const said = `${path.join(dir, 'jobs.json')} is a folder, not a file: nothing can be read or saved there until that folder is moved away.`;
    await expect(store.get('jobs.json')).rejects.toThrow(said);
    await expect(store.head('jobs.json')).rejects.toThrow(said);
    await expect(new JobsRepository(store).list()).rejects.toThrow(said);
  });

  it('a folder of objects (a prefix, as in S3) is still nothing to read', async () => {
    const store = new LocalFolderStore(await folder());
    await store.put('api/track/abc.json', '{}');
    expect(await store.get('api/track')).toBeNull();
    expect(await store.head('api/track')).toBeNull();
  });
});

describe('LocalFolderStore: keys that collide with its temp files', () => {
  it('refuses to store a key ending in .tmp (its listing hides such files), and reads none', async () => {
    const dir = await folder();
    const store = new LocalFolderStore(dir);
    await expect(store.put('inbox/new/x.tmp', '{}')).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('"inbox/new/x.tmp"'),
    });
    expect(await readdir(dir)).not.toContain('inbox');
    // A write in flight, as writeAtomically names it: never an object.
    await store.put('jobs.json', '{}');
    await writeFile(path.join(dir, 'jobs.json.4242.abcdef012345.tmp'), 'half');
    expect(await store.get('jobs.json.4242.abcdef012345.tmp')).toBeNull();
    expect((await store.list('')).map((m) => m.key)).toEqual(['jobs.json']);
  });
});

describe('LocalFolderStore: customer data is the owner’s alone', () => {
  it('writes jobs.json, its versions and inbox documents 0600, in folders it makes 0700', async () => {
    const root = path.join(await folder(), 'data'); // made by the store's first write
    const store = new LocalFolderStore(root, { versioned: (key) => !key.startsWith('inbox/') });
    await store.put('jobs.json', '{"schema":1,"jobs":[]}');
    await store.put('jobs.json', '{"schema":1,"jobs":[{"phone":"+1 312 555 0142"}]}');
    await store.put('inbox/new/a.json', '{"phone":"+1 312 555 0142"}');
    await store.move('inbox/new/a.json', 'inbox/processed/a.json');

    expect(await modeOf(path.join(root, 'jobs.json'))).toBe(0o600);
    expect(await modeOf(path.join(root, 'inbox/processed/a.json'))).toBe(0o600);
    const files: string[] = [];
    const folders: string[] = [root];
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      (entry.isDirectory() ? folders : files).push(full);
    }
    const versions = files.filter((f) => f.includes(`${path.sep}versions${path.sep}`));
    expect(versions.length).toBeGreaterThan(0);
    // Every file holding bytes (an empty marker of what was seen holds none).
    for (const file of files) {
      if ((await stat(file)).size > 0) expect([file, await modeOf(file)]).toEqual([file, 0o600]);
    }
    for (const dir of folders) expect([dir, await modeOf(dir)]).toEqual([dir, 0o700]);
  });
});
