import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { VersionBudget } from '../../../src/core/storage/folder-versions';

// Issue 15, "a history that keeps its word": the newest 20 versions and every version replaced
// less than 30 days ago are never dropped, whatever their size; the storage budget is enforced
// from the oldest beyond those. Versions are compressed; versions kept before still read.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-retention-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

/** Only Date is faked: the store's file I/O and its lock's timers run for real. */
function clockAt(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

const versionsDir = () => path.join(dir, '.qdn', 'versions', 'jobs.json');

async function bodies(store: LocalFolderStore, key = 'jobs.json'): Promise<string[]> {
  const out: string[] = [];
  for (const v of await store.listVersions(key)) {
    out.push((await store.getVersion(key, v.versionId))!.body.toString('latin1'));
  }
  return out;
}

async function versionFiles(): Promise<Array<{ name: string; size: number }>> {
  const names = (await readdir(versionsDir())).filter((n) => n.endsWith('.v'));
  return Promise.all(
    names.map(async (name) => ({ name, size: (await stat(path.join(versionsDir(), name))).size })),
  );
}

/** A jobs.json-like document: many similar lines, as compressible as the real one. */
const doc = (n: number, tag: string) =>
  `[\n${Array.from({ length: n }, (_, i) => `  {"job_id":"${i}","customer_name":"Customer ${i}","address":"${i} Main St","note":"${tag}"}`).join(',\n')}\n]`;

describe('folder versions: what retention never drops', () => {
  it('keeps the newest 20 versions however large: a huge version before a tiny write stays', async () => {
    // Everything replaced 40 days ago, so only the "newest 20" rule protects it.
    clockAt(NOW - 40 * DAY);
    const store = new LocalFolderStore(dir);
    for (let i = 0; i < 25; i++) await store.put('jobs.json', `v${i}`);
    const huge = randomBytes(2 * 1024 * 1024).toString('latin1');
    await store.put('jobs.json', Buffer.from(huge, 'latin1'));
    clockAt(NOW);
    // The current file is now tiny: its size budget (64 KB) is far below the huge version.
    await store.put('jobs.json', 'tiny');
    const kept = await bodies(store);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe(huge);
    expect(kept.slice(1)).toEqual(Array.from({ length: 19 }, (_, i) => `v${24 - i}`));
  });

  it('keeps every version replaced less than 30 days ago, even with no size budget at all', async () => {
    const budget: VersionBudget = { count: 1, sizeFactor: 0 };
    clockAt(NOW - 40 * DAY);
    const store = new LocalFolderStore(dir, { budget });
    for (let i = 0; i < 5; i++) await store.put('jobs.json', `w${i}`);
    clockAt(NOW - 29 * DAY);
    for (let i = 5; i < 8; i++) await store.put('jobs.json', `w${i}`);
    clockAt(NOW);
    await store.put('jobs.json', 'w8');
    // w4 was replaced 29 days ago (by w5): kept. w0…w3, replaced 40 days ago: beyond the rule.
    expect(await bodies(store)).toEqual(['w7', 'w6', 'w5', 'w4']);
  });

  it('beyond those, drops the oldest first and only while the versions exceed the budget', async () => {
    // Random bytes: every version is a whole 100 KB (nothing to share or compress).
    const budget: VersionBudget = { count: 2, sizeFactor: 3.5 };
    const writes = Array.from({ length: 7 }, () => randomBytes(100_000).toString('latin1'));
    clockAt(NOW - 40 * DAY);
    const store = new LocalFolderStore(dir, { budget });
    for (const body of writes.slice(0, 6))
      await store.put('jobs.json', Buffer.from(body, 'latin1'));
    clockAt(NOW);
    await store.put('jobs.json', Buffer.from(writes[6]!, 'latin1'));
    // 6 versions of ~100 KB against 350 KB: the three oldest go, the newest two are kept anyway.
    expect(await bodies(store)).toEqual([writes[5], writes[4], writes[3]]);
    const total = (await versionFiles()).reduce((sum, f) => sum + f.size, 0);
    expect(total).toBeLessThanOrEqual(350_000);
  });

  it('a budget of 0 versions still turns history off for the key', async () => {
    const store = new LocalFolderStore(dir, { budget: { count: 0, sizeFactor: 2 } });
    await store.put('jobs.json', 'one');
    await store.put('jobs.json', 'two');
    expect(await store.listVersions('jobs.json')).toEqual([]);
    expect(
      () => new LocalFolderStore(dir, { budget: { count: 1, sizeFactor: 1, keepDays: -1 } }),
    ).toThrow(/versions budget/);
  });
});

describe('folder versions: compressed, and older forms still read', () => {
  it('keeps what a restore of a far smaller file replaced gzipped, and reads it back', async () => {
    const store = new LocalFolderStore(dir);
    const big = doc(3000, 'before');
    await store.put('jobs.json', big);
    await store.put('jobs.json', '[]');
    const [file] = await versionFiles();
    // ~300 KB of JSON kept in a small fraction of that.
    expect(big.length).toBeGreaterThan(250_000);
    expect(file!.size).toBeLessThan(big.length / 5);
    expect(await bodies(store)).toEqual([big]);
  });

  it('names each version file with its size, so pruning reads no file to learn it', async () => {
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', doc(10, 'a'));
    await store.put('jobs.json', doc(10, 'b'));
    const [file] = await versionFiles();
    const [, bytes] = /^[0-9a-z-]+\.(\d+)\.v$/.exec(file!.name) ?? [];
    expect(Number(bytes)).toBe(file!.size);
  });

  it('reads an uncompressed delta named as before (<id>.v), and prunes it by its real size', async () => {
    const store = new LocalFolderStore(dir, { budget: { count: 1, sizeFactor: 0 } });
    const older = 'hello world, the old content';
    const current = 'hello world, the newer content';
    await store.put('jobs.json', current);
    // A reverse delta exactly as the store wrote them before issue 15: raw bytes, `<id>.v`.
    const prefix = 'hello world, the '.length;
    const suffix = ' content'.length;
    const header = {
      etag: `"${createHash('md5').update(older).digest('hex')}"`,
      size: older.length,
      savedAt: new Date(NOW - 50 * DAY).toISOString(),
      kind: 'delta',
      prefix,
      suffix,
      baseSize: current.length,
    };
    const id = `${String(NOW - 50 * DAY).padStart(15, '0')}-0badc0de`;
    await writeFile(
      path.join(versionsDir(), `${id}.v`),
      `${JSON.stringify(header)}\n${older.slice(prefix, older.length - suffix)}`,
    );
    expect(await bodies(store)).toEqual([older]);
    // Old (50 days) and beyond the newest one: the next write drops it, stat'ing it for its size.
    await store.put('jobs.json', 'newer still');
    expect(await bodies(store)).toEqual([current]);
    expect((await readdir(versionsDir())).filter((n) => n.startsWith(id))).toEqual([]);
  });

  it('a compressed version whose bytes were damaged is refused by name, never returned wrong', async () => {
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', doc(3000, 'before'));
    await store.put('jobs.json', '[]');
    const [file] = await versionFiles();
    const full = path.join(versionsDir(), file!.name);
    const bytes = await readFile(full);
    bytes.fill(0x41, bytes.indexOf(0x0a) + 20, bytes.indexOf(0x0a) + 60);
    await writeFile(full, bytes);
    const [listed] = await store.listVersions('jobs.json');
    await expect(store.getVersion('jobs.json', listed!.versionId)).rejects.toThrow(
      new RegExp(`Version ${listed!.versionId} in .*jobs\\.json is damaged`),
    );
  });
});
