import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The Electron runtime cannot be downloaded here, so a stand-in executable takes its place
// (through ELECTRON_OVERRIDE_DIST_PATH, as the electron package itself honours) and reports
// what `npm start` handed it.
let dist: string;
beforeEach(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'qdn-fake-electron-'));
  const fake = path.join(dist, 'electron');
  await writeFile(fake, '#!/bin/sh\necho "workspace=$QDN_WORKSPACE"\necho "args=$*"\n');
  await chmod(fake, 0o755);
});
afterEach(async () => {
  await rm(dist, { recursive: true, force: true });
});

function runStart(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist };
    delete env.QDN_WORKSPACE;
    const child = spawn(process.execPath, [path.resolve('bin/start.js'), ...args], { env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('npm start with an Electron runtime', () => {
  it('launches Electron on the app, with --workspace handed over as QDN_WORKSPACE', async () => {
    const { code, stdout } = await runStart(['--workspace', 'some/ws']);
    expect(code).toBe(0);
    expect(stdout).toContain(`workspace=${path.resolve('some/ws')}\n`);
    expect(stdout).toContain(`args=${process.cwd()} --workspace some/ws\n`);
  });

  it('exits non-zero when Electron is killed by a signal, as a shell would (128 + signal)', async () => {
    await writeFile(path.join(dist, 'electron'), '#!/bin/sh\nkill -KILL $$\n');
    const { code } = await runStart([]);
    expect(code).toBe(128 + 9);
  });

  it("passes Electron's own exit code through", async () => {
    await writeFile(path.join(dist, 'electron'), '#!/bin/sh\nexit 3\n');
    expect((await runStart([])).code).toBe(3);
  });

  it('leaves the workspace to Electron (its user-data sandbox) when none is given', async () => {
    const { stdout } = await runStart([]);
    expect(stdout).toContain('workspace=\n');
  });
});

describe('npm start without an Electron runtime', () => {
  it('tries to fetch it once, then says so in one sentence and serves the console on loopback', async () => {
    // The download is pointed at a closed loopback port, past any cached copy, so it fails
    // fast on any machine.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      npm_config_electron_mirror: 'http://127.0.0.1:9/',
      electron_config_cache: path.join(dist, 'cache'),
      force_no_cache: 'true',
    };
    // An empty runtime folder: a runtime installed on this machine must not be found either.
    env.ELECTRON_OVERRIDE_DIST_PATH = await mkdtemp(path.join(dist, 'no-runtime-'));
    const workspace = path.join(dist, 'ws');
    const child = spawn(
      process.execPath,
      [path.resolve('bin/start.js'), '--json', '--port', '0', '--workspace', workspace],
      { env },
    );
    try {
      const lines: string[] = [];
      const ready = await new Promise<Record<string, string>>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('{')) resolve(JSON.parse(line) as Record<string, string>);
        });
        child.once('exit', (code) =>
          reject(new Error(`start exited ${code}: ${lines.join('\n')}`)),
        );
      });
      expect(lines.slice(0, -1)).toEqual([
        'Getting the Electron runtime (first run only)…',
        'The Electron runtime could not be installed on this machine, so the console will run in your browser instead.',
      ]);
      expect(new URL(ready.url!).hostname).toBe('127.0.0.1');
      // The keyed URL trades its key for a cookie and redirects to the console.
      const login = await fetch(ready.url!, { redirect: 'manual' });
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    } finally {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }, 60_000);
});
