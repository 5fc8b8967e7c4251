import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listRunningEdges, writeEdgeState } from '../../../src/core/sandbox/edge-state';

/**
 * A records folder the disk refuses to list. These tests run as root, where chmod denies
 * nothing, so the refusal is injected into the real node:fs/promises for one path; every
 * other call (and every file) is real.
 */
let refusedDir: string | null = null;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const readdir = (async (...args: Parameters<typeof real.readdir>) => {
    if (String(args[0]) === refusedDir) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${refusedDir}'`), {
        code: 'EACCES',
      });
    }
    return real.readdir(...args);
  }) as typeof real.readdir;
  return { ...real, readdir, default: { ...real, readdir } };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-edge-state-'));
});
afterEach(async () => {
  refusedDir = null;
  await rm(dir, { recursive: true, force: true });
});

const edgesDir = () => path.join(dir, '.qdn', 'edges');
const state = {
  url: 'http://127.0.0.1:4599',
  pid: process.pid,
  admin_key: 'k'.repeat(32),
  port: 4599,
  started_at: '2026-11-29T09:00:00.000Z',
};

describe('running local edges', () => {
  it('none where no edge ever ran', async () => {
    expect(await listRunningEdges(dir)).toEqual([]);
  });

  it('lists a live record and skips one cut short (records are written in place)', async () => {
    await writeEdgeState(dir, state);
    await writeFile(path.join(edgesDir(), '999999.json'), '{"url": "http://127.0.0.1:45');
    expect(await listRunningEdges(dir)).toEqual([state]);
  });

  it('a records folder it may not list is an error naming it, never "no edge runs"', async () => {
    await mkdir(edgesDir(), { recursive: true });
    await writeEdgeState(dir, state);
    refusedDir = edgesDir();
    await expect(listRunningEdges(dir)).rejects.toThrow(
      /Could not list the local edges in .*\.qdn[/\\]edges: EACCES: permission denied/,
    );
  });
});
