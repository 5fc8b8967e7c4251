import type { FromCore } from '../shared/core-messages';
import type { MessageLink } from '../shared/message-link';

/**
 * The part of Electron's `process.parentPort` (in a utilityProcess) the host uses. Typed here
 * rather than imported: core-host never imports `electron` (eslint.config.js fences it), and
 * Electron sets this global only at run time, in the utility process.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** How the host was started: Electron's utility process, or a Node fork with an IPC channel. */
export type HostLink =
  { kind: 'utility'; link: MessageLink<FromCore> } | { kind: 'fork'; link: MessageLink<FromCore> };

/** The link to main this process was started with. */
export function hostLink(proc: NodeJS.Process = process): HostLink {
  const parentPort = (proc as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      kind: 'utility',
      link: {
        postMessage: (message) => parentPort.postMessage(message),
        onMessage: (listener) => {
          const receive = (event: { data: unknown }) => listener(event.data);
          parentPort.on('message', receive);
          return () => void parentPort.off('message', receive);
        },
      },
    };
  }
  const send = proc.send?.bind(proc);
  if (!send) {
    throw new Error(
      "The core host runs as the console's child: in Electron's utilityProcess, or forked by Node with an IPC channel.",
    );
  }
  return {
    kind: 'fork',
    link: {
      postMessage: (message) => {
        // Main gone: nothing to tell (the host closes on 'disconnect').
        if (proc.connected) send(message);
      },
      onMessage: (listener) => {
        proc.on('message', listener);
        return () => void proc.off('message', listener);
      },
    },
  };
}
