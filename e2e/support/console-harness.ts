import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningConsole {
  /** The keyed URL a dispatcher opens. */
  url: string;
  /** The sandbox's local edge: the public site customers' links point at. */
  edgeUrl: string;
  workspace: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Jobs written to the workspace's jobs.json before the console starts (see seed-jobs.ts). */
  jobs?: readonly object[];
}

/**
 * Starts the console exactly as `npm start` does where Electron is missing (the browser
 * harness over a fresh sandbox workspace), and stops it — and its local edge — afterwards.
 */
export async function startConsole(options: StartOptions = {}): Promise<RunningConsole> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'qdn-e2e-'));
  if (options.jobs) {
    await mkdir(path.join(workspace, 'data'), { recursive: true });
    await writeFile(
      path.join(workspace, 'data', 'jobs.json'),
      `${JSON.stringify({ schema: 1, jobs: options.jobs }, null, 2)}\n`,
    );
  }
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['bin/start.js', '--harness', '--json', '--port', '0', '--workspace', workspace],
    { cwd: path.resolve(import.meta.dirname, '../..') },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = await new Promise<{ url: string; edge_url: string }>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve(JSON.parse(line) as { url: string; edge_url: string }),
    );
    child.once('exit', (code) => reject(new Error(`console exited ${code}: ${stderr}`)));
  });
  return {
    url: ready.url,
    edgeUrl: ready.edge_url,
    workspace,
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await rm(workspace, { recursive: true, force: true });
    },
  };
}
