import { EventEmitter } from 'node:events';
import type { FromCore } from '../../src/shared/core-messages';
import type { MessageLink } from '../../src/shared/message-link';

/**
 * A stand-in for Electron's `utilityProcess` in a mocked `electron` (its runtime cannot run on
 * these machines): `fork` runs the core's host (src/core-host/core-host.ts) in this process,
 * over a link that copies every message as a structured clone and delivers it on a later turn,
 * as Electron's port does. Messages wait until the host listens, as `process.parentPort`'s do.
 * Whatever console session the test mocked is what the host starts.
 */
export function fakeUtilityProcess() {
  const forked: { entry: string; child: EventEmitter }[] = [];
  const fork = (entry: string) => {
    const child = new EventEmitter();
    let exited = false;
    let hostListener: ((message: unknown) => void) | null = null;
    const waiting: unknown[] = [];
    const link: MessageLink<FromCore> = {
      postMessage: (message) => {
        const copy = structuredClone(message);
        setImmediate(() => !exited && child.emit('message', copy));
      },
      onMessage: (listener) => {
        hostListener = listener;
        for (const message of waiting.splice(0)) setImmediate(() => listener(message));
        return () => (hostListener = null);
      },
    };
    Object.assign(child, {
      postMessage: (message: unknown) => {
        const copy = structuredClone(message);
        if (hostListener) setImmediate(() => !exited && hostListener?.(copy));
        else waiting.push(copy);
      },
      kill: () => {
        if (exited) return true;
        exited = true;
        setImmediate(() => child.emit('exit', 0));
        return true;
      },
    });
    void import('../../src/core-host/core-host').then(({ serveCore }) => serveCore(link));
    forked.push({ entry, child });
    return child;
  };
  return { utilityProcess: { fork }, forked };
}
