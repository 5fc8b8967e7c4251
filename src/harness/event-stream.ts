import type { ServerResponse } from 'node:http';
import type { ConsoleSession } from '../core/console/console-session';
import { isEventName } from '../shared/api';

/** Core's event source: the console session's `subscribe`. */
export type SubscribeEvents = ConsoleSession['subscribe'];

/** The harness's side of `onEvent`: core's events to every open page, as Server-Sent Events. */
export interface EventStreams {
  /** Answers one EventSource request and keeps it open until the page or the harness leaves. */
  open(res: ServerResponse): void;
  /** Ends every open stream and stops listening to core. */
  close(): void;
}

/**
 * Streams core's events to the browser pages that opened the console. One subscription to
 * core serves every page; a page that goes away is forgotten, and `close` ends the rest so the
 * server can stop (an open stream would otherwise hold it forever).
 */
export function createEventStreams(subscribe: SubscribeEvents | undefined): EventStreams {
  const open = new Set<ServerResponse>();
  const unsubscribe =
    subscribe?.((name, payload) => {
      if (!isEventName(name)) return;
      // JSON.stringify never yields a newline, so one `data:` line carries the whole payload.
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of open) res.write(frame);
    }) ?? (() => {});

  return {
    open(res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // A comment line at once, so the page's EventSource reports `open` without waiting.
      res.write(': connected\n\n');
      open.add(res);
      res.on('close', () => open.delete(res));
    },
    close() {
      unsubscribe();
      for (const res of open) res.end();
      open.clear();
    },
  };
}
