import { startConsoleSession } from '../core/console/console-session';
import type { ConsoleSession } from '../core/console/console-session';
import { coreArgs } from '../shared/api-args';
import type { CallResult } from '../shared/api';
import { answerCall } from '../shared/call';
import { readToCore } from '../shared/core-messages';
import type { FromCore, ToCore, UploaderKeys } from '../shared/core-messages';
import { errorMessage, QdnError } from '../shared/errors';
import type { MessageLink } from '../shared/message-link';

/** What the host entry needs to stop the core when main is gone. */
export interface CoreHost {
  /** Closes the session if one is open (or opening); never rejects. */
  shutdown(): Promise<void>;
}

/**
 * The core's side of the split: runs the console session main asks for, answers main's calls
 * with `answerCall` over the same contract (so a call's CallResult is the one it would be in
 * main's process), sends its events and warnings to main, and asks main for what only main
 * has (the uploader keys, sealed with the OS keychain).
 */
export function serveCore(link: MessageLink<FromCore>): CoreHost {
  let starting: Promise<ConsoleSession | null> | null = null;
  let session: ConsoleSession | null = null;
  let closing: Promise<string | null> | null = null;
  let nextRequest = 0;
  /** The links of the latest reopen, on their way: no answer may overtake them. */
  let linksSent: Promise<void> = Promise.resolve();
  const keyRequests = new Map<
    number,
    { resolve: (keys: UploaderKeys | null) => void; reject: (err: Error) => void }
  >();

  const post = (message: FromCore) => link.postMessage(message);
  const warn = (message: string) => post({ type: 'warn', message });

  /** The public site's and the local edge's URLs, for main's allow-list of links. */
  const sendLinks = async (running: ConsoleSession) => {
    post({
      type: 'links',
      publicBaseUrl: await running.workspace.publicBaseUrl(),
      edgeUrl: running.edge?.url ?? null,
    });
  };

  const uploader = () =>
    new Promise<UploaderKeys | null>((resolve, reject) => {
      const id = nextRequest++;
      keyRequests.set(id, { resolve, reject });
      post({ type: 'uploaderKeys', id });
    });

  const start = async (workspaceDir: string): Promise<ConsoleSession | null> => {
    try {
      const started = await startConsoleSession(workspaceDir, {
        warn,
        uploader,
        // Within a Settings save, before its answer: main then allows the new site's links
        // before the window can show one.
        onReopened: (reopened) => {
          linksSent = sendLinks(reopened).catch((err: unknown) =>
            warn(`Links not updated: ${errorMessage(err)}`),
          );
        },
      });
      started.subscribe((name, payload) => post({ type: 'event', name, payload }));
      session = started;
      await sendLinks(started);
      post({ type: 'started' });
      return started;
    } catch (err) {
      post({ type: 'startFailed', message: errorMessage(err) });
      return null;
    }
  };

  const answer = async (id: number, method: string, args: unknown[]) => {
    const result: CallResult = session
      ? await answerCall(session.api, coreArgs, method, args)
      : {
          ok: false,
          error: { code: 'internal', message: 'The console is not running (it has closed).' },
        };
    await linksSent;
    try {
      post({ type: 'result', id, result });
    } catch (err) {
      // A value that cannot be cloned (a bug in a handler): the call still gets its answer.
      post({
        type: 'result',
        id,
        result: {
          ok: false,
          error: { code: 'internal', message: `Unexpected error: ${errorMessage(err)}` },
        },
      });
    }
  };

  const close = (): Promise<string | null> => {
    closing ??= (async () => {
      const running = await (starting ?? Promise.resolve(null));
      session = null;
      if (!running) return null;
      try {
        await running.close();
        return null;
      } catch (err) {
        return errorMessage(err);
      }
    })();
    return closing;
  };

  const onMessage = (message: ToCore) => {
    switch (message.type) {
      case 'start':
        // Main sends one start per process; a second one would open the workspace twice.
        if (!starting && !closing) starting = start(message.workspaceDir);
        return;
      case 'call':
        // Calls come only once main heard `started`; one that does not is answered at once.
        void (starting ?? Promise.resolve(null)).then(() =>
          answer(message.id, message.method, message.args),
        );
        return;
      case 'uploaderKeys': {
        const request = keyRequests.get(message.id);
        keyRequests.delete(message.id);
        if (!request) return;
        if (message.result.ok) request.resolve(message.result.value);
        else request.reject(new QdnError(message.result.error.code, message.result.error.message));
        return;
      }
      case 'close':
        void close().then((error) => post({ type: 'closed', error }));
        return;
    }
  };

  link.onMessage((raw) => {
    const message = readToCore(raw);
    if (message) onMessage(message);
    else warn(`The core ignored a message it cannot read: ${describe(raw)}.`);
  });

  return {
    shutdown: async () => {
      await close();
    },
  };
}

function describe(raw: unknown): string {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? `"${type.slice(0, 40)}"` : typeof raw;
}
