import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQdn } from './cli-helpers';

// Issue 17, the CLI: asking for help is no mistake. `qdn job --help`, `qdn job add --help` and
// `qdn deploy promote -h` exited 2 ("usage: …" or "Unknown option '--help'"); each now prints
// the help of what was asked about and exits 0, without opening (or creating) a workspace.

const FROM_SOURCE = { QDN_FROM_SOURCE: '1' };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-help-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('qdn help', () => {
  it.each([
    { args: ['--help'], shows: ['qdn — ', 'qdn deploy history'] },
    { args: ['-h'], shows: ['qdn — ', 'qdn inbox ingest'] },
    { args: ['job', '--help'], shows: ['qdn job add', 'qdn job restore'] },
    { args: ['job', 'help'], shows: ['qdn job list', 'qdn job versions'] },
    { args: ['job', 'add', '--help'], shows: ['qdn job add --name NAME'] },
    { args: ['help', 'job', 'add'], shows: ['qdn job add --name NAME'] },
    { args: ['deploy', 'promote', '-h'], shows: ['qdn deploy promote [--yes]'] },
    { args: ['sandbox', '--help'], shows: ['qdn sandbox [--port N]'] },
  ])('qdn $args exits 0 with the help asked for', async ({ args, shows }) => {
    const ws = path.join(root, args.join('_'));
    const run = await runQdn([...args, '--workspace', ws], FROM_SOURCE);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const text of shows) expect(run.stdout).toContain(text);
    // Only what was asked: a subcommand's help leaves the other commands out.
    if (args.length > 1 && args[0] !== 'help') expect(run.stdout).not.toContain('qdn inbox list');
    expect(existsSync(ws)).toBe(false);
  });

  it('a subcommand asked about shows only its own entry, with the --workspace note', async () => {
    const run = await runQdn(['job', 'add', '--help'], FROM_SOURCE);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('qdn job list');
    expect(run.stdout).toContain('--workspace DIR');
  });

  it('help for an unknown command is still a mistake (exit 2), and no command at all too', async () => {
    const unknown = await runQdn(['frob', '--help'], FROM_SOURCE);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('qdn: unknown command "frob"\n');
    const none = await runQdn([], FROM_SOURCE);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('qdn — ');
  });
});
