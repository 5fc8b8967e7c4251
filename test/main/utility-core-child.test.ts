import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// src/main/utility-core-child.ts against a mocked `electron`: its runtime cannot run here, so
// this checks only the adaption — the fork's arguments, messages both ways, the exit in words,
// and nothing sent to (or killed in) a process that has ended. Everything past the adapter is
// the code the forked-child tests run (test/main/core-process.test.ts).

const forks: { entry: string; options: unknown; child: FakeChild }[] = [];

class FakeChild extends EventEmitter {
  posted: unknown[] = [];
  kills = 0;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.kills += 1;
    return true;
  }
}

vi.mock('electron', () => ({
  utilityProcess: {
    fork: vi.fn((entry: string, _args: string[], options: unknown) => {
      const child = new FakeChild();
      forks.push({ entry, options, child });
      return child;
    }),
  },
}));

const { utilityCoreChild } = await import('../../src/main/utility-core-child');

describe('the core as an Electron utilityProcess', () => {
  it('forks the entry, relays messages both ways, and tells of its exit once, in words', () => {
    const core = utilityCoreChild('/app/out/main/core-host.js');
    const { entry, options, child } = forks.at(-1)!;
    expect(entry).toBe('/app/out/main/core-host.js');
    expect(options).toMatchObject({ serviceName: 'QuickDumpNow Dispatch core' });

    core.postMessage({ type: 'start', workspaceDir: '/ws' });
    expect(child.posted).toEqual([{ type: 'start', workspaceDir: '/ws' }]);
    const heard: unknown[] = [];
    const stop = core.onMessage((m) => heard.push(m));
    child.emit('message', { type: 'started' });
    stop();
    child.emit('message', { type: 'warn', message: 'after stop' });
    expect(heard).toEqual([{ type: 'started' }]);

    const exits: string[] = [];
    core.onExit((how) => exits.push(how));
    child.emit('exit', 3);
    core.onExit((how) => exits.push(`late: ${how}`));
    expect(exits).toEqual(['exit code 3', 'late: exit code 3']);

    core.postMessage({ type: 'close' });
    core.kill();
    expect(child.posted).toHaveLength(1);
    expect(child.kills).toBe(0);
  });

  it('kills a process that runs', () => {
    const core = utilityCoreChild('/app/out/main/core-host.js');
    core.kill();
    expect(forks.at(-1)!.child.kills).toBe(1);
  });
});
