import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { EdgeFunctionTestResult } from '../cdn/cdn';
import { runsStraightThrough } from './edge-function-bounds';
import { EdgeFunctionError, normalizeEvent, readEdgeResult } from '../cdn/edge-function-shapes';
import type { EdgeResult, ViewerRequestEvent } from '../cdn/edge-function-shapes';
import { errorMessage } from '../../shared/errors';

export { EdgeFunctionError, isEdgeResponse } from '../cdn/edge-function-shapes';
export type {
  EdgeRequest,
  EdgeResponse,
  EdgeResult,
  ViewerRequestEvent,
} from '../cdn/edge-function-shapes';

/** A sync handler's result comes back as is, an async one's as a Promise: `await` either. */
export type ViewerRequestHandler = (event: ViewerRequestEvent) => EdgeResult | Promise<EdgeResult>;

/** CloudFront's maximum function size (10 KB). */
export const MAX_FUNCTION_BYTES = 10_240;
/**
 * The watchdog's limit for code that is not straight-line. CloudFront's own budget is about a
 * millisecond of compute; this is wall time on a laptop that may be busy, so it is generous:
 * only a runaway function reaches it, never a slow machine.
 */
export const GUARDED_TIMEOUT_MS = 500;
/** What computeUtilization (0–100) is a share of, as CloudFront reports it. */
const BUDGET_MS = 1;

/**
 * Set up in each function's context before its code: a `console` that records (only while a
 * test captures), the context's own prototypes (see `adopt`), and the guarded call, which
 * settles an async handler inside the same watchdog-covered run.
 */
const PRELUDE = `(function (g) {
  var logs = [], capture = false;
  function text(v) { try { return typeof v === 'string' ? v : JSON.stringify(v); } catch (e) { return String(v); } }
  function log() { if (!capture || logs.length >= 100) return; var p = []; for (var i = 0; i < arguments.length; i++) p.push(text(arguments[i])); logs.push(p.join(' ')); }
  g.console = { log: log, info: log, warn: log, error: log, debug: log };
  var io = { state: 0, json: undefined, error: undefined };
  function settle(ok, v) {
    try { io.json = ok ? JSON.stringify(v) : undefined; io.error = ok ? undefined : String(v && v.message || v); io.state = ok ? 1 : 2; }
    catch (e) { io.error = String(e && e.message || e); io.state = 2; }
  }
  function guarded(event) {
    io.state = 0; var r;
    try { r = handler(event); } catch (e) { settle(false, e); return; }
    if (r !== null && typeof r === 'object' && typeof r.then === 'function') r.then(function (v) { settle(true, v); }, function (e) { settle(false, e); });
    else settle(true, r);
  }
  return { objectProto: Object.prototype, arrayProto: Array.prototype, io: io, setCapture: function (on) { capture = on; logs = []; }, logs: function () { var l = logs; logs = []; return l; }, guarded: guarded };
})(this)`;

interface Prelude {
  objectProto: object;
  arrayProto: object;
  io: { state: 0 | 1 | 2; json: string | undefined; error: string | undefined };
  // Functions of the context, not methods: they use no `this`.
  setCapture: (on: boolean) => void;
  logs: () => string[];
  guarded: (event: unknown) => void;
}

interface LoadedFunction {
  run: ViewerRequestHandler;
  /** Whether calls skip the watchdog (see edge-function-bounds.ts). */
  straightThrough: boolean;
  prelude: Prelude;
}

const failed = (err: unknown) =>
  new EdgeFunctionError(`The edge function failed: ${errorMessage(err)}`);

/**
 * Loads a cloudfront-js-2.0 function once into its own `vm` context: no Node globals, no eval
 * or wasm code generation, at most 10 KB, and it must declare `handler(event)`, sync or async.
 *
 * Time limit: straight-line code (edge-function-bounds.ts) is called directly — it cannot
 * loop, so it needs no watchdog, and a rewrite costs microseconds. Any other code runs each
 * call under Node's `vm` timeout (GUARDED_TIMEOUT_MS), its promise settled inside that run, so
 * a function that never returns is cut off with an EdgeFunctionError (a 503) and the edge
 * keeps serving; that path costs ~100 µs a call, the price of a watchdog thread.
 */
export function loadViewerRequestFunction(code: string): ViewerRequestHandler {
  return loadFunction(code).run;
}

function loadFunction(code: string): LoadedFunction {
  const size = Buffer.byteLength(code, 'utf8');
  if (size > MAX_FUNCTION_BYTES) {
    throw new EdgeFunctionError(
      `The edge function is ${size.toLocaleString('en-US')} bytes; CloudFront Functions take at most ${MAX_FUNCTION_BYTES.toLocaleString('en-US')} bytes (10 KB).`,
    );
  }
  const straightThrough = runsStraightThrough(code);
  const context = vm.createContext(Object.create(null) as object, {
    codeGeneration: { strings: false, wasm: false },
    // Guarded code: promise jobs run inside runInContext, so inside its timeout.
    microtaskMode: straightThrough ? undefined : 'afterEvaluate',
  });
  const prelude = vm.runInContext(PRELUDE, context) as Prelude;
  let handler: unknown;
  try {
    handler = vm.runInContext(
      `${code}\n;typeof handler === 'function' ? handler : undefined`,
      context,
      { filename: 'viewer-request.js', timeout: 1000 },
    );
  } catch (err) {
    throw new EdgeFunctionError(`The edge function does not load: ${errorMessage(err)}`);
  }
  if (typeof handler !== 'function') {
    throw new EdgeFunctionError('The edge function does not declare handler(event).');
  }
  const direct = handler as (event: unknown) => unknown;
  const adopt = adopter(prelude);
  const guardedCall = new vm.Script('__qdn_guarded(__qdn_event)');
  const globals = context as { __qdn_guarded?: unknown; __qdn_event?: unknown };
  globals.__qdn_guarded = prelude.guarded;

  const run: ViewerRequestHandler = straightThrough
    ? (event) => {
        let out: unknown;
        try {
          out = direct(adopt(event));
        } catch (err) {
          throw failed(err);
        }
        // Straight-line code has no `then`: only the runtime's own promise is thenable here.
        if (typeof (out as { then?: unknown } | null)?.then === 'function') {
          return Promise.resolve(out).then(readEdgeResult, (err: unknown) => {
            throw failed(err);
          });
        }
        return readEdgeResult(out);
      }
    : (event) => {
        const { io } = prelude;
        globals.__qdn_event = adopt(event);
        try {
          guardedCall.runInContext(context, { timeout: GUARDED_TIMEOUT_MS });
        } catch (err) {
          throw failed(err);
        } finally {
          globals.__qdn_event = undefined;
        }
        if (io.state === 0) throw failed(new Error('its promise never settled'));
        if (io.state === 2) throw failed(new Error(io.error));
        return readEdgeResult(io.json === undefined ? undefined : JSON.parse(io.json));
      };
  return { run, straightThrough, prelude };
}

/**
 * Copies an event (JSON-like data) into objects whose prototypes are the context's own, so the
 * function sees ordinary objects yet cannot climb `constructor.constructor` to this realm's
 * `Function` (Node's globals). Built out here: ~20x cheaper than copying from inside.
 */
function adopter({ objectProto, arrayProto }: Prelude): (value: unknown) => unknown {
  const adopt = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return Object.setPrototypeOf(value.map(adopt), arrayProto) as unknown;
    const copy = Object.create(objectProto) as Record<string, unknown>;
    for (const key of Object.keys(value))
      copy[key] = adopt((value as Record<string, unknown>)[key]);
    return copy;
  };
  return adopt;
}

/**
 * Runs one event through `code` as CloudFront's TestFunction does, with the same result shape:
 * `{ output: { request } | { response } | null, error, computeUtilization, logs }`.
 */
export async function testViewerRequest(
  code: string,
  event: unknown,
): Promise<EdgeFunctionTestResult> {
  let loaded: LoadedFunction;
  try {
    loaded = loadFunction(code);
  } catch (err) {
    return { output: null, error: errorMessage(err), computeUtilization: null, logs: [] };
  }
  let normalized: ViewerRequestEvent;
  try {
    normalized = normalizeEvent(event);
  } catch (err) {
    return { output: null, error: errorMessage(err), computeUtilization: null, logs: [] };
  }
  loaded.prelude.setCapture(true);
  const started = performance.now();
  let output: unknown = null;
  let error: string | null = null;
  try {
    const result = await loaded.run(normalized);
    output = 'statusCode' in result ? { response: result } : { request: result };
  } catch (err) {
    error = errorMessage(err);
  }
  const elapsed = performance.now() - started;
  return {
    output,
    error,
    computeUtilization: Math.min(100, Math.round((elapsed / BUDGET_MS) * 100)),
    logs: loaded.prelude.logs(),
  };
}
