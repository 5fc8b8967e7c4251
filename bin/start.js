#!/usr/bin/env node
// `npm start`: the Electron console where its runtime is installed; where it is not (it cannot
// be downloaded on every machine), the same console served to a browser on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Where the electron package would run its binary from, as its own index.js decides. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (!override && !executable) return null;
  const binary = path.join(override ?? path.join(pkg, 'dist'), executable ?? 'electron');
  return existsSync(binary) ? binary : null;
}

/**
 * Electron's package downloads its runtime on first use, not at install: do it now, once.
 * Quiet on purpose — where the download cannot work, a stack trace would only alarm.
 */
function fetchElectron() {
  const install = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(install)) return false;
  console.log('Getting the Electron runtime (first run only)…');
  const run = spawnSync(process.execPath, [install], { stdio: 'ignore', timeout: 10 * 60_000 });
  return run.status === 0;
}

/** The launcher's exit code for Electron's: its own code, or 128 + signal if it was killed. */
function exitCodeOf(code, signal) {
  if (code !== null) return code;
  return 128 + (os.constants.signals[signal] ?? 0);
}

const electron = args.includes('--harness')
  ? null
  : (electronBinary() ?? (fetchElectron() ? electronBinary() : null));
if (electron) {
  // Electron's main process takes its workspace from the environment (argv is Chromium's too).
  const { values } = parseArgs({ args, options: { workspace: { type: 'string' } }, strict: false });
  const env =
    typeof values.workspace === 'string'
      ? { ...process.env, QDN_WORKSPACE: path.resolve(values.workspace) }
      : process.env;
  const child = spawn(electron, [root, ...args], { stdio: 'inherit', env });
  // Electron killed by a signal (a crash, an OOM kill) is a failure: exit as a shell would,
  // 128 + the signal's number, never 0.
  child.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
  child.on('error', (err) => {
    console.error(`Electron could not be started (${electron}): ${err.message}`);
    process.exit(1);
  });
} else {
  if (!args.includes('--harness')) {
    console.log(
      'The Electron runtime could not be installed on this machine, so the console will run in your browser instead.',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { runHarness } = await import('../src/harness/main.ts');
  await runHarness(args.filter((a) => a !== '--harness'));
}
