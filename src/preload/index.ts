// The only bridge between the untrusted renderer and the app: `window.qdn`, exactly the contract.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channelOf, CORE_METHODS, eventChannelOf, isEventName, SHELL_METHODS } from '../shared/api';
import type { CallResult, QdnBridge, QdnEventSource } from '../shared/api';
import { bridgeCalls } from '../shared/bridge-builder';

// Outcomes stay data (CallResult) on their way through the contextBridge, which would keep
// only the message of a thrown error; the renderer's qdn.ts unwraps them.
const calls = bridgeCalls(
  [...CORE_METHODS, ...SHELL_METHODS],
  (method) =>
    (...args) =>
      ipcRenderer.invoke(channelOf(method), ...args) as Promise<CallResult>,
);

// The renderer gets each event's payload only: the IpcRendererEvent would hand it `sender`,
// i.e. ipcRenderer itself. A name outside the contract is refused, so no page can listen on
// an arbitrary channel through this bridge.
const onEvent: QdnEventSource['onEvent'] = (name, listener) => {
  if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
  const channel = eventChannelOf(name);
  const forward = (_event: IpcRendererEvent, payload: unknown) =>
    listener(payload as Parameters<typeof listener>[0]); // main sends only this event's payload
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

contextBridge.exposeInMainWorld('qdn', { ...calls, onEvent } satisfies QdnBridge);
