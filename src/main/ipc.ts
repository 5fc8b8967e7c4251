import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelOf, CORE_METHODS, SHELL_METHODS } from '../shared/api';
import { coreArgs, shellArgs } from '../shared/api-args';
import type { CallResult, CoreApi, ShellApi } from '../shared/api';
import { answerCall } from '../shared/call';
import { isTrustedSenderUrl } from './trusted-sender';

/**
 * Maps the contract onto IPC: one handler per method, each checking its sender and parsing
 * its arguments before anything runs.
 */
export function registerIpc(
  ipcMain: IpcMain,
  core: CoreApi,
  shell: ShellApi,
  rendererUrl: string,
): void {
  const trusted = (event: IpcMainInvokeEvent) =>
    event.senderFrame !== null &&
    event.senderFrame.parent === null &&
    isTrustedSenderUrl(event.senderFrame.url, rendererUrl);
  const refuse: CallResult = {
    ok: false,
    error: { code: 'bad_request', message: 'Untrusted sender.' },
  };

  for (const method of CORE_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      trusted(event) ? answerCall(core, coreArgs, method, args) : refuse,
    );
  }
  for (const method of SHELL_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      trusted(event) ? answerCall(shell, shellArgs, method, args) : refuse,
    );
  }
}
