import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_NAME,
  defaultWorkspaceDir,
  userDataDir,
} from '../../../src/core/workspace/default-workspace';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import { clearEdgeState, writeEdgeState } from '../../../src/core/sandbox/edge-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-ws-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openWorkspace', () => {
  it('turns an empty folder into a sandbox with a readable config', async () => {
    const ws = await openWorkspace(path.join(dir, 'new'));
    expect(ws.config).toMatchObject({
      mode: 'sandbox',
      edge_port: 4780,
      business: { name: 'QuickDumpNow' },
    });
    const written = JSON.parse(
      await readFile(path.join(dir, 'new', 'config.json'), 'utf8'),
    ) as unknown;
    expect(written).toEqual(ws.config);
    expect(await ws.info()).toMatchObject({
      mode: 'sandbox',
      publicBaseUrl: 'http://127.0.0.1:4780',
    });
  });

  it("links to this process's own edge, else one on the preferred port, else the oldest", async () => {
    const ws = await openWorkspace(dir);
    const edge = (pid: number, port: number, started_at: string) => ({
      url: `http://127.0.0.1:${port}`,
      pid,
      port,
      admin_key: 'k',
      started_at,
    });
    const [other, another] = await Promise.all([aliveProcess(), aliveProcess()]);
    try {
      await writeEdgeState(dir, edge(other.pid!, 45001, '2026-11-28T09:00:00.000Z'));
      await writeEdgeState(dir, edge(another.pid!, 45002, '2026-11-28T08:00:00.000Z'));
      expect(await ws.publicBaseUrl()).toBe('http://127.0.0.1:45002'); // the oldest

      await writeEdgeState(dir, edge(another.pid!, 4780, '2026-11-28T08:00:00.000Z'));
      expect(await ws.publicBaseUrl()).toBe('http://127.0.0.1:4780'); // the preferred port

      await writeEdgeState(dir, edge(process.pid, 45003, '2026-11-28T10:00:00.000Z'));
      expect(await ws.publicBaseUrl()).toBe('http://127.0.0.1:45003'); // our own

      // Stopping one edge leaves the others' records alone.
      await clearEdgeState(dir);
      expect(await ws.publicBaseUrl()).toBe('http://127.0.0.1:4780');
    } finally {
      other.kill();
      another.kill();
    }
  });

  it('ignores, and removes, the record of an edge whose process is gone', async () => {
    const ws = await openWorkspace(dir);
    const gone = 2 ** 22 + 1;
    await writeEdgeState(dir, {
      url: 'http://127.0.0.1:45679',
      pid: gone,
      port: 45679,
      admin_key: 'k',
      started_at: '2026-11-28T08:00:00.000Z',
    });
    expect(await ws.publicBaseUrl()).toBe('http://127.0.0.1:4780');
    expect(existsSync(path.join(dir, '.qdn', 'edges', `${gone}.json`))).toBe(false);
  });

  it.each([
    ['not JSON', '{ "mode": "sandbox", ', /not valid JSON/],
    ['an unknown mode', '{ "mode": "azure" }', /mode/],
    ['an AWS config without buckets', '{ "mode": "aws", "region": "us-east-1" }', /data/],
    [
      'an AWS config whose public URL has a path (the site lives at the root)',
      JSON.stringify({
        mode: 'aws',
        region: 'us-east-1',
        data: { bucket: 'qdn-data' },
        staging: { bucket: 'qdn-staging' },
        prod: { bucket: 'qdn-prod', public_base_url: 'https://example.com/quickdump' },
      }),
      /prod\.public_base_url.*must be an origin/,
    ],
  ])('reports a config.json that is %s and leaves it as it was', async (_label, text, message) => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'config.json'), text);
    await expect(openWorkspace(dir)).rejects.toThrow(message);
    expect(await readFile(path.join(dir, 'config.json'), 'utf8')).toBe(text);
  });
});

describe('default workspace', () => {
  it("uses the name Electron gives the app's user-data folder (package.json productName)", async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { productName: string };
    expect(pkg.productName).toBe(APP_NAME);
  });

  it("is the sandbox inside Electron's user-data folder for this app, per platform", () => {
    const env = { XDG_CONFIG_HOME: '/home/d/.config', APPDATA: 'C:\\Users\\d\\AppData\\Roaming' };
    expect(userDataDir(env, 'linux')).toBe('/home/d/.config/QuickDumpNow Dispatch');
    expect(userDataDir(env, 'darwin')).toMatch(
      /Library\/Application Support\/QuickDumpNow Dispatch$/,
    );
    expect(userDataDir(env, 'win32')).toContain('QuickDumpNow Dispatch');
    expect(defaultWorkspaceDir(env)).toBe(
      path.join('/home/d/.config/QuickDumpNow Dispatch', 'sandbox'),
    );
    expect(defaultWorkspaceDir({ ...env, QDN_WORKSPACE: '/w' })).toBe('/w');
  });
});

/** A live process other than this one, to own an edge record. */
function aliveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}
