import { fork } from 'node:child_process';
import type { CoreChild } from './core-process';

export interface ForkedCoreOptions {
  /** Node flags for the child, e.g. `['--import', 'tsx']` to run the TypeScript entry. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The core's process as a Node child (`child_process.fork`), where Electron's utilityProcess
 * cannot run: tests and the event-loop bench. Messages are structured clones ('advanced'), as
 * over Electron's port, so `undefined`, Dates and Maps arrive as they would there.
 */
export function forkCoreChild(entry: string, options: ForkedCoreOptions = {}): CoreChild {
  const child = fork(entry, [], {
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ended: string | null = null;
  const exitListeners: ((how: string) => void)[] = [];
  const end = (how: string) => {
    if (ended !== null) return;
    ended = how;
    for (const listener of exitListeners.splice(0)) listener(how);
  };
  child.once('exit', (code, signal) => end(signal ? `signal ${signal}` : `exit code ${code}`));
  // A send to a child that just died, or a fork that never ran: without a listener Node would
  // throw it in main. A fork that never ran has no exit to come, so it ends here.
  child.on('error', (err) => {
    if (child.pid === undefined) end(`could not start: ${err.message}`);
  });
  return {
    postMessage: (message) => {
      if (ended === null && child.connected) child.send(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
    onExit: (listener) => {
      if (ended !== null) listener(ended);
      else exitListeners.push(listener);
    },
    kill: () => {
      if (ended === null) child.kill('SIGKILL');
    },
  };
}
