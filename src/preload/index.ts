// The only bridge between the untrusted renderer and the app: `window.qdn`, exactly the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, CORE_METHODS, SHELL_METHODS } from '../shared/api';
import type { CallResult, QdnBridge } from '../shared/api';

// Outcomes stay data (CallResult) on their way through the contextBridge, which would keep
// only the message of a thrown error; the renderer's qdn.ts unwraps them.
const bridge = Object.fromEntries(
  [...CORE_METHODS, ...SHELL_METHODS].map((method) => [
    method,
    (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args) as Promise<CallResult>,
  ]),
) as unknown as QdnBridge; // built from the method lists that api.ts checks against QdnApi

contextBridge.exposeInMainWorld('qdn', bridge);
