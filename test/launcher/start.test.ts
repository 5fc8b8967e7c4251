import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  it('leaves the workspace to Electron (its user-data sandbox) when none is given', async () => {
    const { stdout } = await runStart([]);
    expect(stdout).toContain('workspace=\n');
  });
});
