#!/usr/bin/env node
// `npm start`: the Electron console where its runtime is installed; where it is not (it cannot
// be downloaded on every machine), the same console served to a browser on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const electron = args.includes('--harness') ? null : electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!args.includes('--harness')) {
    console.log(
      'The Electron runtime is not installed on this machine, so the console will run in your browser instead.',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { runHarness } = await import('../src/harness/main.ts');
  await runHarness(args.filter((a) => a !== '--harness'));
}
