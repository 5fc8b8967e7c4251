// The browser harness's stand-in for Electron's preload: the same `window.qdn` bridge, carried
// over loopback HTTP to the same core. Loaded only by the harness, never by a packaged build.
import { CORE_METHODS, isEventName } from '../../shared/api';
import type { CallResult, CoreApi, QdnBridge, QdnEventSource } from '../../shared/api';
import { bridgeCalls } from '../../shared/bridge-builder';
import { errorMessage } from '../../shared/errors';

// The harness server's paths (harness-server.ts); this file is bundled for the browser alone.
const CALL_PREFIX = '/__harness/call/';
const EVENTS_PATH = '/__harness/events';

function remote(method: keyof CoreApi) {
  return async (...args: unknown[]): Promise<CallResult> => {
    let response: Response;
    try {
      response = await fetch(`${CALL_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(withoutTrailingUndefined(args)),
      });
    } catch (err) {
      // The one expected failure here: no service on the other end. Its cause still shows.
      return failure(
        'storage_unavailable',
        `The console service is not running (${errorMessage(err)}). Restart npm start.`,
      );
    }
    if (!response.ok) {
      // The harness explains its own failures in the body ("Harness error: …"): pass it on.
      const detail = (await response.text().catch(() => '')).trim().slice(0, 300);
      return failure(
        'internal',
        `The console service answered ${response.status}${detail ? `: ${detail}` : '.'}`,
      );
    }
    return (await response.json()) as CallResult;
  };
}

/**
 * JSON writes an `undefined` in an array as `null`, which an optional argument's schema rightly
 * refuses; Electron's IPC keeps `undefined`. Left out at the end, an absent argument stays absent.
 */
function withoutTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

function failure(code: 'storage_unavailable' | 'internal', message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

// One stream for the page, opened at the first listener; EventSource reconnects by itself
// when the harness restarts.
let source: EventSource | null = null;

const onEvent: QdnEventSource['onEvent'] = (name, listener) => {
  if (!isEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
  source ??= new EventSource(EVENTS_PATH);
  const forward = (event: MessageEvent<string>) => {
    // The server writes each event's payload as one JSON document.
    listener(JSON.parse(event.data) as Parameters<typeof listener>[0]);
  };
  source.addEventListener(name, forward);
  return () => source?.removeEventListener(name, forward);
};

window.qdn = {
  ...bridgeCalls(CORE_METHODS, remote),
  copyText: async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      return { ok: true, value: undefined };
    } catch (err) {
      return failure('internal', `Could not copy: ${errorMessage(err)}`);
    }
  },
  onEvent,
} satisfies QdnBridge;
