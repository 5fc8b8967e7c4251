import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelOf, CORE_METHODS, eventChannelOf, isEventName, SHELL_METHODS } from '../shared/api';
import { coreArgs, shellArgs } from '../shared/api-args';
import type { CallResult, CoreApi, ShellApi } from '../shared/api';
import type { ConsoleSession } from '../core/console/console-session';
import { answerCall } from '../shared/call';
import { describeUrl } from './security';
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
  log: (message: string) => void = (message) => console.warn(message),
): void {
  // A refused sender is logged: it is either a bug (a call from an iframe) or an attack.
  const trusted = (event: IpcMainInvokeEvent, method: string) => {
    const frame = event.senderFrame;
    if (frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url, rendererUrl)) {
      return true;
    }
    const where = frame === null ? 'a frame that is gone' : describeSender(frame.url, frame.parent);
    log(`Refused IPC call ${method} from ${where}.`);
    return false;
  };
  const refuse: CallResult = {
    ok: false,
    error: { code: 'bad_request', message: 'Untrusted sender.' },
  };

  for (const method of CORE_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      trusted(event, method) ? answerCall(core, coreArgs, method, args) : refuse,
    );
  }
  for (const method of SHELL_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) =>
      trusted(event, method) ? answerCall(shell, shellArgs, method, args) : refuse,
    );
  }
}

function describeSender(url: string, parent: unknown): string {
  return `${parent === null ? 'the main frame' : 'a subframe'} at ${describeUrl(url)}`;
}

/** Core's event source: the console session's `subscribe`. */
export type SubscribeEvents = ConsoleSession['subscribe'];

/**
 * Sends core's events (deploy progress, …) to the window, each on its own channel. Only the
 * contract's events go, and only while the window shows the console's own page: after a
 * (blocked, but still) navigation elsewhere, deploy details must not follow. Returns the
 * function that stops forwarding (call it when the window closes).
 */
export function forwardEvents(
  subscribe: SubscribeEvents,
  contents: WebContents,
  rendererUrl: string,
): () => void {
  return subscribe((name, payload) => {
    if (!isEventName(name) || contents.isDestroyed()) return;
    if (!isTrustedSenderUrl(contents.getURL(), rendererUrl)) return;
    contents.send(eventChannelOf(name), payload);
  });
}
