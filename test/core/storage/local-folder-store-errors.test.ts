import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

/**
 * The disk refusing a file. These tests run as root, where chmod denies nothing, so the refusal
 * is injected: node:fs/promises is the real module, except that a call whose path matches a
 * refusal fails as the OS would (EACCES or EPERM, with Node's own message shape). Everything
 * else — the folder, the files, the versions — is real.
 */
const refusals: Array<{ fn: string; match: (file: string) => boolean; code: string }> = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const refusing = (fn: string) =>
    async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const file = String(args[0]);
      const refusal = refusals.find((r) => r.fn === fn && r.match(file));
      if (refusal) {
        const message = refusal.code === 'EPERM' ? 'operation not permitted' : 'permission denied';
        throw Object.assign(new Error(`${refusal.code}: ${message}, ${fn} '${file}'`), {
          code: refusal.code,
          path: file,
        });
      }
      return (real[fn] as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    };
  const fns = ['open', 'readFile', 'readdir', 'stat'] as const;
  const wrapped = Object.fromEntries(fns.map((fn) => [fn, refusing(fn)]));
  return { ...real, ...wrapped, default: { ...(real.default as object), ...wrapped } };
});

function refuse(fn: string, match: (file: string) => boolean, code = 'EACCES'): void {
  refusals.push({ fn, match, code });
}

let dir: string;
let store: LocalFolderStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-store-errors-'));
  store = new LocalFolderStore(dir);
});
afterEach(async () => {
  refusals.length = 0;
  await rm(dir, { recursive: true, force: true });
});

const versionsDir = () => path.join(dir, '.qdn', 'versions', 'jobs.json');

describe('LocalFolderStore when the disk refuses', () => {
  it('a refused read is an error naming the file and the cause, never "not found"', async () => {
    await store.put('jobs.json', '{"schema":1}');
    const fresh = new LocalFolderStore(dir); // nothing remembered from the put
    refuse('open', (f) => f.endsWith(`${path.sep}jobs.json`));
    refuse('stat', (f) => f.endsWith(`${path.sep}jobs.json`), 'EPERM');
    await expect(fresh.get('jobs.json')).rejects.toThrow(
      /Could not read .*jobs\.json: EACCES: permission denied/,
    );
    await expect(fresh.head('jobs.json')).rejects.toThrow(
      /Could not read .*jobs\.json: EPERM: operation not permitted/,
    );
  });

  it('a folder it may not list is an error, never an empty listing', async () => {
    await store.put('api/track/abc.json', '{}');
    await store.put('api/track/def.json', '{}');
    refuse('readdir', (f) => f.endsWith(path.join('api', 'track')));
    await expect(store.list('api/track/')).rejects.toThrow(
      /Could not list .*api[/\\]track: EACCES: permission denied/,
    );
    await expect(store.list('')).rejects.toThrow(/EACCES/);
  });

  it('a versions folder it may not list is an error, never "no versions"', async () => {
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two');
    refuse('readdir', (f) => f === versionsDir());
    await expect(store.listVersions('jobs.json')).rejects.toThrow(
      /Could not list the versions in .*versions[/\\]jobs\.json: EACCES/,
    );
  });

  it('a version file it may not read is an error naming it, never "no such version"', async () => {
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two');
    const [version] = await store.listVersions('jobs.json');
    refuse('open', (f) => f.startsWith(versionsDir()) && f.endsWith('.v'), 'EPERM');
    refuse('readFile', (f) => f.startsWith(versionsDir()) && f.endsWith('.v'), 'EPERM');
    await expect(store.getVersion('jobs.json', version!.versionId)).rejects.toThrow(
      // Its file is `<id>.<bytes>.v` (folder-versions.ts).
      new RegExp(
        `Could not read .*${version!.versionId}\\.\\d+\\.v: EPERM: operation not permitted`,
      ),
    );
    await expect(store.listVersions('jobs.json')).rejects.toThrow(/EPERM/);
  });

  it("an older folder's header files it may not list are an error, and looked at again next time", async () => {
    await store.put('index.html', '<p>hi</p>');
    const metaDir = path.join(dir, '.qdn', 'meta');
    await mkdir(metaDir, { recursive: true });
    const fresh = new LocalFolderStore(dir);
    refuse('readdir', (f) => f === metaDir);
    await expect(fresh.head('index.html')).rejects.toThrow(/Could not list .*meta: EACCES/);
    refusals.length = 0;
    expect(await fresh.head('index.html')).toMatchObject({
      contentType: expect.stringMatching(/html/),
    });
  });

  it('a missing file is still simply missing', async () => {
    expect(await store.get('nope.json')).toBeNull();
    expect(await store.head('nope.json')).toBeNull();
    expect(await store.list('nope/')).toEqual([]);
    expect(await store.listVersions('nope.json')).toEqual([]);
  });
});

describe('LocalFolderStore with damaged bookkeeping', () => {
  it('a damaged headers.json is an error naming it, not silently the default headers', async () => {
    await store.put('jobs.json', '{}', { cacheControl: 'no-store' });
    await writeFile(path.join(dir, '.qdn', 'headers.json'), '{"jobs.json": {"cacheCon');
    const fresh = new LocalFolderStore(dir);
    await expect(fresh.head('jobs.json')).rejects.toThrow(
      /\.qdn[/\\]headers\.json is damaged \(not valid JSON.*delete it to use the headers derived/,
    );
    await writeFile(path.join(dir, '.qdn', 'headers.json'), '{"jobs.json": {"cacheControl": 7}}');
    await expect(fresh.get('jobs.json')).rejects.toThrow(
      /headers\.json is damaged \(the entry for "jobs\.json" is not a set of headers\)/,
    );
    await writeFile(path.join(dir, '.qdn', 'headers.json'), '[]');
    await expect(fresh.head('jobs.json')).rejects.toThrow(/headers\.json is damaged/);
  });

  it('a damaged per-object header file of an older folder is an error naming it', async () => {
    await store.put('index.html', '<p>hi</p>');
    await mkdir(path.join(dir, '.qdn', 'meta'), { recursive: true });
    await writeFile(path.join(dir, '.qdn', 'meta', 'index.html.json'), '{"contentType": "te');
    await expect(new LocalFolderStore(dir).head('index.html')).rejects.toThrow(
      /meta[/\\]index\.html\.json is damaged \(not valid JSON/,
    );
  });

  it('a version whose header is damaged is listed, and reading it says it is damaged', async () => {
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two');
    await store.put('jobs.json', 'three');
    const names = (await readdir(versionsDir())).filter((n) => n.endsWith('.v')).sort();
    await writeFile(path.join(versionsDir(), names[0]!), 'not a header\nbytes');
    const versions = await store.listVersions('jobs.json');
    expect(versions).toHaveLength(2);
    const broken = versions.find((v) => names[0]!.startsWith(`${v.versionId}.`));
    expect(broken).toMatchObject({ etag: '' });
    await expect(store.getVersion('jobs.json', broken!.versionId)).rejects.toThrow(
      new RegExp(`Version ${broken!.versionId} in .* is damaged: its header is not readable`),
    );
    const good = versions.find((v) => v !== broken);
    expect((await store.getVersion('jobs.json', good!.versionId))!.body.toString()).toBe('two');
  });
});
