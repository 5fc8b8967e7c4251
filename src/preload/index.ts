// The only bridge between the untrusted renderer and the app: `window.qdn`, exactly the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, CORE_METHODS, SHELL_METHODS } from '../shared/api';
import type { CallResult, QdnApi } from '../shared/api';
import { unwrapCall } from '../shared/call';

const methods = [...CORE_METHODS, ...SHELL_METHODS];

const api = Object.fromEntries(
  methods.map((method) => [
    method,
    async (...args: unknown[]) =>
      unwrapCall((await ipcRenderer.invoke(channelOf(method), ...args)) as CallResult),
  ]),
) as unknown as QdnApi;

contextBridge.exposeInMainWorld('qdn', api);
