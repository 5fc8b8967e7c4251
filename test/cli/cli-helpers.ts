import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const QDN_BIN = path.resolve('bin/qdn.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `qdn …` as a user would, in its own process. */
export function runQdn(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [QDN_BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running `qdn …` and resolves with its first JSON line (e.g. the sandbox's URL). */
export async function startQdn(args: string[]): Promise<{
  child: ChildProcessWithoutNullStreams;
  ready: Record<string, unknown>;
  stderr: () => string;
  stop: () => Promise<string>;
}> {
  const child = spawn(process.execPath, [QDN_BIN, ...args]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const rest: string[] = [];
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`qdn exited ${code}: ${stderr}`)));
  });
  lines.on('line', (line) => rest.push(line));
  return {
    child,
    ready,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve(rest.join('\n')));
        child.kill('SIGTERM');
      }),
  };
}
