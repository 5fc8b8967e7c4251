import { utilityProcess } from 'electron';
import type { CoreChild } from './core-process';

/**
 * The core's process as Electron's utilityProcess, running out/main/core-host.js (the child
 * reads main's messages from `process.parentPort`). Kept this thin on purpose: the Electron
 * runtime cannot run on the machines that test it, so everything else is shared with the
 * Node fork that stands in for it (src/main/forked-core-child.ts).
 */
export function utilityCoreChild(entry: string): CoreChild {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'QuickDumpNow Dispatch core',
    stdio: 'inherit',
  });
  let ended: string | null = null;
  const exitListeners: ((how: string) => void)[] = [];
  child.once('exit', (code) => {
    ended = `exit code ${code}`;
    for (const listener of exitListeners.splice(0)) listener(ended);
  });
  return {
    postMessage: (message) => {
      if (ended === null) child.postMessage(message);
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
      if (ended === null) child.kill();
    },
  };
}
